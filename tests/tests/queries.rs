//! Typed queries render the URLs SAP services expect, in V2 and in V4, and no value can
//! change a query's meaning.

use odata_runtime::request::Method;
use odata_tests::business_partner::{self as bp, BusinessPartner, BusinessPartnerRating, Customer};
use odata_tests::sales_order::{self as so, SalesOrder, SalesOrderItem};
use odata_tests::travel::{self as tr, Booking, Travel, TravelStatus};

fn client() -> odata_runtime::Client {
    odata_runtime::Client::builder("http://localhost:4004/odata/").build().unwrap()
}

fn url(plan: odata_runtime::request::RequestPlan) -> String {
    plan.relative_url()
}

#[test]
fn v2_list_with_every_option() {
    let svc = bp::Service::new(&client());
    let plan = svc
        .business_partner()
        .list()
        .filter(
            BusinessPartner::LAST_NAME.eq("O'Neil & Co").and(BusinessPartner::BUSINESS_PARTNER_IS_BLOCKED.eq(false)),
        )
        .filter(BusinessPartner::FIRST_NAME.contains("An").or(BusinessPartner::SEARCH_TERM1.starts_with("ON")))
        .select((BusinessPartner::BUSINESS_PARTNER, BusinessPartner::LAST_NAME, BusinessPartner::TO_CUSTOMER))
        .expand(BusinessPartner::TO_CUSTOMER)
        .expand(BusinessPartner::TO_BUSINESS_PARTNER_ADDRESS)
        .order_by(BusinessPartner::LAST_NAME.desc())
        .order_by(BusinessPartner::BUSINESS_PARTNER)
        .top(50)
        .skip(100)
        .with_count()
        .query("sap-language", "EN")
        .unwrap()
        .plan();
    assert_eq!(plan.method(), Method::Get);
    assert_eq!(
        plan.query(),
        [
            ("$filter", "LastName eq 'O''Neil & Co' and BusinessPartnerIsBlocked eq false and (substringof('An',FirstName) or startswith(SearchTerm1,'ON'))"),
            ("$select", "BusinessPartner,LastName,to_Customer"),
            ("$expand", "to_Customer,to_BusinessPartnerAddress"),
            ("$orderby", "LastName desc,BusinessPartner asc"),
            ("$top", "50"),
            ("$skip", "100"),
            ("$inlinecount", "allpages"),
            ("sap-language", "EN"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        url(plan),
        "A_BusinessPartner?$filter=LastName%20eq%20'O''Neil%20%26%20Co'%20and%20BusinessPartnerIsBlocked%20eq%20false%20and%20%28substringof%28'An'%2CFirstName%29%20or%20startswith%28SearchTerm1%2C'ON'%29%29\
&$select=BusinessPartner%2CLastName%2Cto_Customer&$expand=to_Customer%2Cto_BusinessPartnerAddress\
&$orderby=LastName%20desc%2CBusinessPartner%20asc&$top=50&$skip=100&$inlinecount=allpages&sap-language=EN"
    );
}

#[test]
fn v2_literals_by_type() {
    use chrono::NaiveDate;
    let day = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let f = BusinessPartnerRating::RATING_SEQUENCE
        .gt(5i64)
        .and(BusinessPartnerRating::RATING_SCORE.le(4.5))
        .and(BusinessPartnerRating::RATING_VALIDITY_DATE.ge(day))
        .and(BusinessPartnerRating::RATING_VALIDITY_DATE.year().eq(2024))
        .and(BusinessPartnerRating::RATING_LEVEL.is_in([1i16, 2, 3]))
        .and(BusinessPartnerRating::RATING_PRIORITY.is_null().not());
    assert_eq!(
        f.render(odata_runtime::Version::V2),
        "RatingSequence gt 5L and RatingScore le 4.5D and RatingValidityDate ge datetime'2024-01-31T00:00:00' \
and year(RatingValidityDate) eq 2024 and (RatingLevel eq 1 or RatingLevel eq 2 or RatingLevel eq 3) and not (RatingPriority eq null)"
    );
    let credit =
        Customer::CREDIT_LIMIT_AMOUNT.gt("1234567890123456789.123".parse::<odata_runtime::edm::Decimal>().unwrap());
    assert_eq!(credit.render(odata_runtime::Version::V2), "CreditLimitAmount gt 1234567890123456789.123M");
}

#[test]
fn v4_literals_functions_and_in() {
    let guid = odata_runtime::edm::Guid::parse_str("6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b").unwrap();
    let f = Travel::STATUS
        .is_in([TravelStatus::Open, TravelStatus::Accepted])
        .and(Travel::TRAVEL_ID.gt(9_007_199_254_740_993i64))
        .and(Travel::DESCRIPTION.to_lower().contains("walldorf"))
        .and(Travel::TRAVEL_UUID.ne(guid))
        .and(Travel::DESCRIPTION.length().lt(100))
        .and(Travel::CURRENCY_CODE.eq("EUR"));
    assert_eq!(
        f.render(odata_runtime::Version::V4),
        "Status in (com.example.travel.v1.TravelStatus'Open',com.example.travel.v1.TravelStatus'Accepted') \
and TravelID gt 9007199254740993 and contains(tolower(Description),'walldorf') \
and TravelUUID ne 6f8a1b6e-4c9d-4e5f-9a0b-1c2d3e4f5a6b and length(Description) lt 100 and CurrencyCode eq 'EUR'"
    );
    let svc = tr::Service::new(&client());
    let plan = svc.travels().list().filter(Travel::BEGIN_DATE.month().eq(2)).with_count().top(1).plan();
    assert_eq!(url(plan), "Travels?$filter=month%28BeginDate%29%20eq%202&$top=1&$count=true");
    let plan = svc.bookings().list().expand(Booking::TRAVEL.then(Travel::CUSTOMER)).plan();
    assert_eq!(url(plan), "Bookings?$expand=Travel%2FCustomer");
}

#[test]
fn keys_gets_counts_creates_and_deletes() {
    let so_svc = so::Service::new(&client());
    let key = so::SalesOrderItemKey { sales_order: "4711".into(), sales_order_item: "10".into() };
    let plan = so_svc.sales_order_item().get(key).expand(SalesOrderItem::TO_SCHEDULE_LINE).plan();
    assert_eq!(url(plan), "A_SalesOrderItem(SalesOrder='4711',SalesOrderItem='10')?$expand=to_ScheduleLine");
    let plan = so_svc.sales_order().list().expand(SalesOrder::TO_ITEM.then(SalesOrderItem::TO_PRICING_ELEMENT)).plan();
    assert_eq!(url(plan), "A_SalesOrder?$expand=to_Item%2Fto_PricingElement");

    let plan = so_svc.sales_order().count().filter(SalesOrder::SOLD_TO_PARTY.eq("17100001")).plan();
    assert_eq!(url(plan), "A_SalesOrder/$count?$filter=SoldToParty%20eq%20'17100001'");
    assert_eq!(plan_header(&so_svc.sales_order().count().plan(), "Accept"), Some("text/plain"));

    let order = so::NewSalesOrder { sold_to_party: Some("17100001".into()), ..so::NewSalesOrder::new() };
    let plan = so_svc.sales_order().create(order).plan().unwrap();
    assert_eq!((plan.method(), plan.path()), (Method::Post, "A_SalesOrder"));
    let body: serde_json::Value = serde_json::from_slice(plan.body().unwrap()).unwrap();
    assert_eq!(body["SoldToParty"], "17100001");
    assert_eq!(plan_header(&plan, "Content-Type"), Some("application/json"));

    let key = so::SalesOrderKey { sales_order: "47/11".into() };
    let plan = so_svc.sales_order().delete(key).if_match("W/\"1\"").plan();
    assert_eq!((plan.method(), url(plan.clone())), (Method::Delete, "A_SalesOrder('47%2F11')".to_owned()));
    assert_eq!(plan_header(&plan, "If-Match"), Some("W/\"1\""));

    let travel = tr::Service::new(&client()).travels().get(tr::TravelKey { travel_uuid: Default::default() }).plan();
    assert_eq!(url(travel.clone()), "Travels(00000000-0000-0000-0000-000000000000)");
    assert!(plan_header(&travel, "Accept").unwrap().contains("IEEE754Compatible=true"));
}

fn plan_header<'a>(plan: &'a odata_runtime::request::RequestPlan, name: &str) -> Option<&'a str> {
    plan.headers().iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
}

#[test]
fn no_value_changes_the_meaning_of_a_filter() {
    // Whatever a user types, it stays one string literal: every quote doubled, and the
    // URL encoding keeps `&`, `#`, `+`, `%` and spaces out of the query syntax.
    for hostile in ["x' or 1 eq 1 or 'x", "')/$count?x=('", "a&$top=1", "#", "%27", "+ - \\ \u{0}", "ä'ö\"ü"] {
        let filter = BusinessPartner::LAST_NAME.eq(hostile).render(odata_runtime::Version::V2);
        let literal = filter.strip_prefix("LastName eq ").unwrap();
        let parsed =
            <String as odata_runtime::edm::EdmValue>::parse_literal(literal, odata_runtime::Version::V2).unwrap();
        assert_eq!(parsed, hostile);
        let query = url(bp::Service::new(&client())
            .business_partner()
            .list()
            .filter(BusinessPartner::LAST_NAME.eq(hostile))
            .plan());
        let value = query.strip_prefix("A_BusinessPartner?$filter=").unwrap();
        assert!(!value.contains(['&', '#', '+', ' ', '?']), "{value}");
    }
    assert!(
        bp::Service::new(&client()).business_partner().list().query("$top", "1").is_err(),
        "typed options cannot be smuggled in"
    );
}

#[test]
fn decimal_filters_take_decimals_and_integers_exactly() {
    use odata_runtime::edm::Decimal;
    let svc = tr::Service::new(&client());
    let price: Decimal = "2.50".parse().unwrap();
    let plan = svc.bookings().list().filter(Booking::FLIGHT_PRICE.gt(price).and(Booking::FLIGHT_PRICE.lt(3))).plan();
    assert_eq!(plan.query(), [("$filter".to_owned(), "FlightPrice gt 2.50 and FlightPrice lt 3".to_owned())]);
}
