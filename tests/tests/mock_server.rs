//! SAP's Fiori elements mock server (`@sap-ux/fe-mockserver-core`, SAP-written) as a
//! second real backend beside CAP: it serves every sample in `metadata-samples/` with
//! generated data, and the client reads every entity set of every sample through it; a
//! V2 and a V4 service also go through a typed write round and a `$batch`.

mod support;

use odata_edmx::{Model, ODataVersion, Primitive, TypeRef};
use odata_runtime::edm::{self, EdmValue};
use odata_runtime::request::{Method, RequestPlan};
use odata_runtime::{Client, Entity, Error, Version};
use serde_json::Value;
use support::mockserver::{mock_server, root};

odata_derive::service! {
    mod bp = "../metadata-samples/API_BUSINESS_PARTNER.edmx";
    mod bp4 = "../metadata-samples/API_BUSINESS_PARTNER.v4.edmx";
    mod travel = "../metadata-samples/TravelService.v4.edmx";
}

/// Entity sets whose generated rows break the metadata (checked with typed reads in
/// `where_the_mock_data_violates_the_metadata_…`): a key `Edm.Int64` filled with
/// letters, and the inherited key `ID` of `Person`'s subtypes left null.
const VIOLATIONS: [&str; 3] = [
    "API_BUSINESS_PARTNER.edmx: A_BusinessPartnerRating: key: invalid Edm.Int64 value",
    "TravelService.v4.edmx: Customers: key: invalid Edm.Guid value: null",
    "TravelService.v4.edmx: Agents: key: invalid Edm.Guid value: null",
];

/// The URL literal of a key value as the JSON of a row holds it.
fn key_literal(ty: &TypeRef, version: Version, json: &Value) -> Result<String, String> {
    fn lit<T: EdmValue>(version: Version, json: &Value) -> Result<String, String> {
        let value = T::deserialize_json(version, json).map_err(|e| e.to_string())?;
        let mut out = String::new();
        value.write_literal(version, &mut out);
        Ok(out)
    }
    match ty {
        TypeRef::Primitive(p) => match p {
            Primitive::String => lit::<String>(version, json),
            Primitive::Int16 => lit::<i16>(version, json),
            Primitive::Int32 => lit::<i32>(version, json),
            Primitive::Int64 => lit::<i64>(version, json),
            Primitive::Byte => lit::<u8>(version, json),
            Primitive::Boolean => lit::<bool>(version, json),
            Primitive::Guid => lit::<edm::Guid>(version, json),
            Primitive::Decimal => lit::<edm::Decimal>(version, json),
            Primitive::Date => lit::<edm::Date>(version, json),
            Primitive::DateTime => lit::<edm::DateTime>(version, json),
            Primitive::DateTimeOffset => lit::<edm::DateTimeOffset>(version, json),
            other => Err(format!("no key literal for {other:?}")),
        },
        other => Err(format!("no key literal for {other:?}")),
    }
}

async fn get_json(client: &Client, path: &str, query: &[(&str, &str)]) -> Result<Value, String> {
    let mut plan = RequestPlan::new(Method::Get, path, Version::V4).with_header("Accept", "application/json");
    for (name, value) in query {
        plan = plan.with_query(*name, *value);
    }
    let response = client.execute(&plan).await.map_err(|e| e.to_string())?;
    serde_json::from_slice(response.body()).map_err(|e| format!("{path}: not JSON: {e}"))
}

/// Lists every entity set of `model` at `client` (top 3, with the count), reads the first
/// row again by its key and counts the set; what failed, by set.
async fn sweep(client: &Client, model: &Model) -> Vec<String> {
    let version = if model.version == ODataVersion::V2 { Version::V2 } else { Version::V4 };
    let mut failures = Vec::new();
    for set in &model.container.entity_sets {
        let name = &set.name;
        let count_option = if version == Version::V2 { ("$inlinecount", "allpages") } else { ("$count", "true") };
        let page = match get_json(client, name, &[("$top", "3"), count_option]).await {
            Ok(page) => page,
            Err(e) => {
                failures.push(format!("{name}: list: {e}"));
                continue;
            }
        };
        let (rows, count) = match version {
            // SAP Gateway sends `__count` as a string, the mock server as a number.
            Version::V2 => {
                let count = &page["d"]["__count"];
                (&page["d"]["results"], count.as_u64().or_else(|| count.as_str()?.parse().ok()))
            }
            _ => (&page["value"], page["@odata.count"].as_u64()),
        };
        let Some(rows) = rows.as_array() else {
            failures.push(format!("{name}: list: no rows in {page:.200}"));
            continue;
        };
        let counted = match get_json(client, &format!("{name}/$count"), &[]).await {
            Ok(Value::Number(n)) => n.as_u64(),
            Ok(other) => Some(other.to_string().trim_matches('"').parse().unwrap_or(u64::MAX)),
            Err(e) => {
                failures.push(format!("{name}: $count: {e}"));
                continue;
            }
        };
        if count.is_none() || count != counted || rows.len() as u64 > count.unwrap_or(0) || rows.len() > 3 {
            failures.push(format!("{name}: {} rows, count {count:?}, $count {counted:?}", rows.len()));
            continue;
        }
        let Some(first) = rows.first() else { continue };
        let key = model.key_of(set.entity_type);
        let properties = model.entity_properties(set.entity_type);
        let literals: Result<Vec<(&str, String)>, String> = key
            .iter()
            .map(|k| {
                let p = properties.iter().find(|p| &p.name == k).ok_or("no key property")?;
                Ok((k.as_str(), key_literal(&p.ty, version, &first[k.as_str()])?))
            })
            .collect();
        let segment = match literals {
            Ok(literals) => odata_runtime::write_key_segment(&literals),
            Err(e) => {
                failures.push(format!("{name}: key: {e}"));
                continue;
            }
        };
        match get_json(client, &format!("{name}{segment}"), &[]).await {
            Ok(read) => {
                let row = if version == Version::V2 { &read["d"] } else { &read };
                for k in key {
                    if row[k.as_str()] != first[k.as_str()] {
                        failures.push(format!("{name}{segment}: {k} is {} not {}", row[k.as_str()], first[k.as_str()]));
                    }
                }
            }
            Err(e) => failures.push(format!("{name}{segment}: get by key: {e}")),
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_entity_set_of_every_sample_lists_reads_by_key_and_counts() {
    let Some(server) = mock_server() else { return };
    let samples = format!("{}/../metadata-samples", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&samples)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|f| f.ends_with(".edmx"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    let mut report = Vec::new();
    let mut sets = 0;
    for file in &files {
        let model = odata_edmx::parse(&std::fs::read_to_string(format!("{samples}/{file}")).unwrap()).unwrap();
        sets += model.container.entity_sets.len();
        let client = Client::builder(root(server, file)).build().unwrap();
        report.extend(sweep(&client, &model).await.into_iter().map(|f| format!("{file}: {f}")));
    }
    assert!(sets > 590, "{sets} entity sets");
    let unexpected: Vec<&String> = report.iter().filter(|f| !VIOLATIONS.iter().any(|v| f.starts_with(v))).collect();
    assert!(unexpected.is_empty(), "{} of {sets} entity sets failed:\n{}", report.len(), report.join("\n"));
    assert_eq!(report.len(), VIOLATIONS.len(), "{report:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_the_mock_data_violates_the_metadata_the_typed_decode_error_names_the_json_path() {
    let Some(server) = mock_server() else { return };
    let client = |file: &str| Client::builder(root(server, file)).build().unwrap();
    let bp = bp::Service::new(&client("API_BUSINESS_PARTNER.edmx"));
    let travel = travel::Service::new(&client("TravelService.v4.edmx"));
    let decode_path = |e: Error| match e {
        Error::Decode { path, .. } => path,
        other => panic!("expected a decode error, got {other}"),
    };
    let e = bp.business_partner_rating().list().send().await.unwrap_err();
    assert_eq!(decode_path(e), "d.results[0].RatingSequence");
    // The subtype's rows lack the inherited `ID` and hold "" for the enum `Tier`, the
    // first value the decoder meets.
    let e = travel.customers().list().top(3).send().await.unwrap_err();
    assert_eq!(decode_path(e), "value[0].Tier");
    // The row lacks the required `ID`: the error is the row's, and says which field.
    let e = travel.agents().list().top(3).send().await.unwrap_err();
    let text = e.to_string();
    assert_eq!(decode_path(e), "value[0]");
    assert!(text.contains("ID"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_v2_write_round_with_csrf_etag_and_a_typed_404() {
    let Some(server) = mock_server() else { return };
    let svc = bp::Service::new(&Client::builder(root(server, "API_BUSINESS_PARTNER.edmx")).build().unwrap());
    let new = bp::NewBusinessPartnerBank {
        iban: Some("DE02120300000000202051".into()),
        ..bp::NewBusinessPartnerBank::new("RUSTV2", "0001")
    };
    let created = svc.business_partner_bank().create(new).send().await.unwrap();
    assert_eq!(created.iban.as_deref(), Some("DE02120300000000202051"));
    let key = || bp::BusinessPartnerBankKey { business_partner: "RUSTV2".into(), bank_identification: "0001".into() };
    let changes =
        bp::BusinessPartnerBankPatch { bank_account_holder_name: Some(Some("Ferris".into())), ..Default::default() };
    let update = svc.business_partner_bank().update(key(), changes);
    match created.etag() {
        Some(etag) => update.if_match(etag.to_owned()).send().await.unwrap(),
        None => update.send().await.unwrap(),
    };
    let read = svc.business_partner_bank().get(key()).send().await.unwrap();
    assert_eq!(
        (read.iban.as_deref(), read.bank_account_holder_name.as_deref()),
        (created.iban.as_deref(), Some("Ferris"))
    );
    svc.business_partner_bank().delete(key()).send().await.unwrap();
    let gone = svc.business_partner_bank().get(key()).send().await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_v4_write_round_and_a_batch() {
    let Some(server) = mock_server() else { return };
    let svc = bp4::Service::new(&Client::builder(root(server, "API_BUSINESS_PARTNER.v4.edmx")).build().unwrap());
    let new = bp4::NewBusinessPartner { first_name: Some("Ferris".into()), ..bp4::NewBusinessPartner::new("RUSTV4") };
    // Only what was set is sent; the mock server fills every property it was not sent
    // with "", also the computed `Edm.Guid` `BusinessPartnerUUID` (its data violates the
    // metadata): the create is applied and its answer fails typed, with the path.
    let e = svc.business_partner().create(new).send().await.unwrap_err();
    assert!(matches!(&e, Error::Decode { path, .. } if path == "BusinessPartnerUUID"), "{e:?}");
    let key = || bp4::BusinessPartnerKey { business_partner: "RUSTV4".into() };
    let changes = bp4::BusinessPartnerPatch { search_term1: Some(Some("CRAB".into())), ..Default::default() };
    // It sends no ETags, and answers the update with the whole entity: the same "".
    let e = svc.business_partner().update(key(), changes).send().await.unwrap_err();
    assert!(matches!(&e, Error::Decode { path, .. } if path == "BusinessPartnerUUID"), "{e:?}");
    // Both were applied: the selected properties read back typed.
    let mut batch = svc.batch();
    let selected = (bp4::BusinessPartner::FIRST_NAME, bp4::BusinessPartner::SEARCH_TERM1);
    let read = batch.add(svc.business_partner().get(key()).select(selected));
    let count = batch.add(svc.business_partner().count());
    let mut answers = batch.send().await.unwrap();
    let read = answers.take(read).unwrap();
    assert_eq!(read, (Some("Ferris".into()), Some("CRAB".into())));
    assert!(answers.take(count).unwrap() >= 1);
    svc.business_partner().delete(key()).send().await.unwrap();
    let gone = svc.business_partner().get(key()).send().await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
}
