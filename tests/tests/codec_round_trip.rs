//! Generated structs written to JSON and read back are the same values, in V2 and V4:
//! every Edm primitive the samples have, through the runtime's field tables (`FieldMut`,
//! `FieldRef`) and through the generated `read_other`/`write_other` (enums, flags, type
//! definitions, complex values, navigation). Patches send exactly the fields that are set.
//!
//! The generated `Debug`, `PartialEq` and `Clone` walk the same tables; they print,
//! compare and clone as `#[derive]` does on a struct with the same fields (`derived`).

use odata_runtime::edm::{Binary, Date, DateTime, DateTimeOffset, Decimal, Duration, Guid, TimeOfDay};
use odata_tests::{business_partner as bp, travel};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 '\"\\\\/äß€\u{1F600}]{0,12}"
}

fn date() -> impl Strategy<Value = Date> {
    (0i64..200_000).prop_map(|days| Date::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64))
}

fn time() -> impl Strategy<Value = TimeOfDay> {
    (0u32..86_400).prop_map(|s| TimeOfDay::from_num_seconds_from_midnight_opt(s, 0).unwrap())
}

/// Milliseconds: what V2's `/Date(…)/` can carry.
fn date_time() -> impl Strategy<Value = DateTime> {
    (0i64..4_000_000_000_000).prop_map(|ms| chrono::DateTime::from_timestamp_millis(ms).unwrap().naive_utc())
}

fn date_time_offset() -> impl Strategy<Value = DateTimeOffset> {
    (0i64..4_000_000_000_000, -14i32..=14).prop_map(|(ms, hours)| {
        let offset = chrono::FixedOffset::east_opt(hours * 3600).unwrap();
        chrono::DateTime::from_timestamp_millis(ms).unwrap().with_timezone(&offset)
    })
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0i64..6).prop_map(|(digits, scale)| Decimal::new(digits.into(), scale))
}

fn finite<T: Strategy>(s: T) -> impl Strategy<Value = T::Value>
where
    T::Value: Copy + Into<f64>,
{
    s.prop_filter("finite", |v| (*v).into().is_finite())
}

fn booking() -> impl Strategy<Value = travel::Booking> {
    (
        any::<u128>(),
        any::<i32>(),
        proptest::option::of(date()),
        proptest::option::of(decimal()),
        proptest::option::of(any::<u8>()),
        proptest::option::of(any::<i8>()),
        proptest::option::of(any::<i16>()),
        proptest::option::of(text()),
    )
        .prop_map(|(uuid, id, date, price, seats, delta, gate, etag)| travel::Booking {
            travel_uuid: Guid::from_u128(uuid),
            booking_id: id,
            booking_date: date,
            flight_price: price,
            seat_count: seats,
            delta,
            gate,
            odata_etag: etag,
            ..Default::default()
        })
}

fn travel_value() -> impl Strategy<Value = travel::Travel> {
    let status = prop_oneof![
        Just(travel::TravelStatus::Open),
        Just(travel::TravelStatus::Accepted),
        Just(travel::TravelStatus::Rejected)
    ];
    (
        (any::<u128>(), any::<i64>(), proptest::option::of(text()), proptest::option::of(date())),
        (proptest::option::of(time()), proptest::option::of((0i64..1_000_000).prop_map(Duration::seconds))),
        (proptest::option::of(decimal()), proptest::option::of(text()), status),
        (proptest::option::of(finite(any::<f64>())), proptest::option::of(finite(any::<f32>()))),
        (proptest::collection::vec(text(), 0..4), proptest::option::of(proptest::collection::vec(any::<u8>(), 0..20))),
        (proptest::option::of(date_time_offset()), proptest::option::of(proptest::collection::vec(booking(), 0..3))),
        proptest::option::of((proptest::option::of(text()), proptest::option::of(text()))),
    )
        .prop_map(
            |(
                (uuid, id, description, begin),
                (departure, duration),
                (fee, currency, status),
                (rating, discount),
                (tags, attachment),
                (created, bookings),
                address,
            )| {
                travel::Travel {
                    travel_uuid: Guid::from_u128(uuid),
                    travel_id: id,
                    description,
                    begin_date: begin,
                    departure_time: departure,
                    flight_duration: duration,
                    booking_fee: fee,
                    currency_code: currency,
                    status,
                    rating,
                    discount,
                    tags,
                    attachment: attachment.map(Binary),
                    created_at: created,
                    bookings,
                    destination: address.map(|(street, city)| travel::Address { street, city, country: None }),
                    ..Default::default()
                }
            },
        )
}

fn partner() -> impl Strategy<Value = bp::BusinessPartner> {
    (
        text(),
        proptest::option::of(text()),
        proptest::option::of(any::<u128>()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(date_time()),
        proptest::option::of(time()),
        proptest::option::of(date_time_offset()),
    )
        .prop_map(|(id, name, uuid, blocked, created, time, changed)| bp::BusinessPartner {
            business_partner: id,
            first_name: name,
            business_partner_uuid: uuid.map(Guid::from_u128),
            business_partner_is_blocked: blocked,
            creation_date: created,
            creation_time: time,
            last_change_date_time: changed,
            ..Default::default()
        })
}

/// A booking with every field set or not, its travel expanded or not.
fn booking_full() -> impl Strategy<Value = travel::Booking> {
    (booking(), proptest::option::of(date()), proptest::option::of(text()), proptest::option::of(travel_value()))
        .prop_map(|(booking, flight_date, currency, travel)| travel::Booking {
            flight_date,
            currency_code: currency,
            travel: travel.map(Box::new),
            ..booking
        })
}

/// What `#[derive(Debug, PartialEq, Clone)]` does with the generated `Booking`'s fields.
mod derived {
    use odata_runtime::edm::{Date, Decimal, Guid};
    use odata_tests::travel;

    #[derive(Debug, PartialEq, Clone)]
    pub struct Booking {
        pub odata_etag: Option<String>,
        pub travel_uuid: Guid,
        pub booking_id: i32,
        pub booking_date: Option<Date>,
        pub flight_date: Option<Date>,
        pub flight_price: Option<Decimal>,
        pub currency_code: Option<travel::CurrencyCode>,
        pub seat_count: Option<u8>,
        pub delta: Option<i8>,
        pub gate: Option<i16>,
        pub travel: Option<Box<travel::Travel>>,
    }

    impl From<&travel::Booking> for Booking {
        fn from(b: &travel::Booking) -> Self {
            // Spelled out, so that a field added to the generated struct fails here.
            let travel::Booking {
                odata_etag,
                travel_uuid,
                booking_id,
                booking_date,
                flight_date,
                flight_price,
                currency_code,
                seat_count,
                delta,
                gate,
                travel,
            } = b.clone();
            Booking {
                odata_etag,
                travel_uuid,
                booking_id,
                booking_date,
                flight_date,
                flight_price,
                currency_code,
                seat_count,
                delta,
                gate,
                travel,
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn debug_eq_and_clone_of_generated_structs_are_the_derives(a in booking_full(), b in booking_full()) {
        let (da, db) = (derived::Booking::from(&a), derived::Booking::from(&b));
        prop_assert_eq!(format!("{a:?}"), format!("{da:?}"));
        prop_assert_eq!(format!("{a:#?}"), format!("{da:#?}"));
        prop_assert_eq!(a == b, da == db);
        prop_assert!(a == a.clone());
        // A clone is deep: the same JSON, also inside the expanded travel.
        prop_assert_eq!(serde_json::to_value(a.clone()).unwrap(), serde_json::to_value(&a).unwrap());
        // Equality field by field: `a` with one field of `b`.
        let (ja, jb) = (serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
        for key in ja.as_object().unwrap().keys() {
            let mut jc = ja.clone();
            jc[key] = jb[key].clone();
            let c: travel::Booking = serde_json::from_value(jc).unwrap();
            prop_assert_eq!(a == c, da == derived::Booking::from(&c), "{}", key);
        }
    }

    #[test]
    fn clones_of_v4_and_v2_entities_are_equal_and_write_the_same_json(t in travel_value(), p in partner()) {
        let copy = t.clone();
        prop_assert!(copy == t);
        prop_assert_eq!(serde_json::to_string(&copy).unwrap(), serde_json::to_string(&t).unwrap());
        let copy = p.clone();
        prop_assert!(copy == p);
        prop_assert_eq!(serde_json::to_string(&copy).unwrap(), serde_json::to_string(&p).unwrap());
    }

    #[test]
    fn v4_entities_with_their_expanded_navigation_read_back_as_written(value in travel_value()) {
        let json = serde_json::to_vec(&value).unwrap();
        let back: travel::Travel = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(back, value);
    }

    #[test]
    fn v2_entities_read_back_as_written(value in partner()) {
        let json = serde_json::to_vec(&value).unwrap();
        let back: bp::BusinessPartner = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(back, value);
    }

    #[test]
    fn a_patch_sends_exactly_what_is_set_and_null_for_some_none(
        description in proptest::option::of(proptest::option::of(text())),
        rating in proptest::option::of(proptest::option::of(finite(any::<f64>()))),
        tags in proptest::option::of(proptest::collection::vec(text(), 0..3)),
        status in proptest::option::of(Just(travel::TravelStatus::Accepted)),
    ) {
        let patch = travel::TravelPatch {
            description: description.clone(),
            rating,
            tags: tags.clone(),
            status,
            ..Default::default()
        };
        let json: serde_json::Value = serde_json::to_value(&patch).unwrap();
        let object = json.as_object().unwrap();
        let mut expected = serde_json::Map::new();
        if let Some(d) = description {
            expected.insert("Description".into(), d.into());
        }
        if let Some(r) = rating {
            expected.insert("Rating".into(), r.into());
        }
        if let Some(t) = tags {
            expected.insert("Tags".into(), t.into());
        }
        if status.is_some() {
            expected.insert("Status".into(), "Accepted".into());
        }
        prop_assert_eq!(object, &expected);
    }
}

#[test]
fn patches_create_types_and_parameters_print_compare_and_clone_field_by_field() {
    let patch = travel::TravelPatch {
        description: Some(None),
        tags: Some(vec!["a".into()]),
        status: Some(travel::TravelStatus::Accepted),
        ..Default::default()
    };
    let text = format!("{patch:?}");
    assert!(text.starts_with("TravelPatch { description: Some(None), begin_date: None,"), "{text}");
    assert!(
        text.contains(r#"status: Some(Accepted), channels: None, rating: None, discount: None, tags: Some(["a"]),"#)
    );
    let copy = patch.clone();
    assert_eq!(copy, patch);
    assert_ne!(travel::TravelPatch { description: Some(Some(String::new())), ..copy.clone() }, patch);
    assert_ne!(travel::TravelPatch { status: None, ..copy }, patch);

    // A create type with required fields derives `Clone`; it prints and compares by its table.
    let new = travel::NewTravel { rating: Some(1.5), ..travel::NewTravel::new(7, travel::TravelStatus::Open) };
    let text = format!("{new:#?}");
    assert!(text.starts_with("NewTravel {\n    travel_uuid: None,\n    travel_id: 7,\n"), "{text}");
    assert_eq!(new.clone(), new);
    assert_ne!(travel::NewTravel { rating: Some(2.5), ..new.clone() }, new);

    let parameters = travel::MostExpensiveTravelsParameters { top: 3, since: None };
    assert_eq!(format!("{parameters:?}"), "MostExpensiveTravelsParameters { top: 3, since: None }");
    assert_eq!(parameters.clone(), parameters);
}
