//! The Gateway-like server over raw HTTP: the wire shapes of V2 and V4, what SAP
//! Gateway refuses (capabilities, CSRF, ETags, authentication, bad input) and how.

use odata_sandbox::gateway::Gateway;
use odata_sandbox::{business_partner_gateway, xsuaa::Xsuaa};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One request on its own connection.
async fn send(gateway: &Gateway, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(gateway.addr()).await.unwrap();
    let mut request = format!(
        "{method} {}{path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        gateway.service_path(),
        gateway.addr()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Answer { status, head: head.to_owned(), body: body.to_owned() }
}

async fn v2() -> (Gateway, String) {
    let xsuaa = Xsuaa::start().await.unwrap();
    let gateway = business_partner_gateway(&xsuaa).await.unwrap();
    let auth = format!("Bearer {}", xsuaa.user_token("alice", "t1"));
    (gateway, auth)
}

/// A CSRF token and the session cookie it belongs to.
async fn csrf(gateway: &Gateway, auth: &str) -> (String, String) {
    let fetched = send(gateway, "GET", "", &[("Authorization", auth), ("X-CSRF-Token", "Fetch")], "").await;
    let token = fetched.header("x-csrf-token").unwrap().to_owned();
    let cookie = fetched.header("set-cookie").unwrap().split(';').next().unwrap().to_owned();
    (token, cookie)
}

#[tokio::test]
async fn v2_verbose_json_shapes() {
    let (gw, auth) = v2().await;
    let a = &[("Authorization", auth.as_str())];
    let list = send(
        &gw,
        "GET",
        "A_BusinessPartner?$inlinecount=allpages&$top=1&$filter=year(CreationDate)%20eq%202021",
        a,
        "",
    )
    .await;
    assert_eq!(list.status, 200, "{}", list.body);
    let d = &list.json()["d"];
    assert_eq!(d["__count"], json!("2"), "a string");
    let first = &d["results"][0];
    assert_eq!(first["CreationDate"], json!("/Date(1614556800000)/"));
    assert_eq!(first["LastChangeDateTime"], json!("/Date(1714644000000+0000)/"));
    let uri = first["__metadata"]["uri"].as_str().unwrap();
    assert!(uri.ends_with("/A_BusinessPartner('1000001')"), "{uri}");
    assert_eq!(first["__metadata"]["type"], json!("API_BUSINESS_PARTNER.A_BusinessPartnerType"));
    assert!(first["to_BusinessPartnerAddress"]["__deferred"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("/to_BusinessPartnerAddress"));
    let one = send(&gw, "GET", "A_BusinessPartnerAddress(BusinessPartner='1000002',AddressID='22002')", a, "").await;
    assert_eq!((one.status, one.json()["d"]["CityName"].clone()), (200, json!("Bergen")));
    assert_eq!(one.header("etag"), one.json()["d"]["__metadata"]["etag"].as_str());
    let count = send(&gw, "GET", "A_BusinessPartner/$count?$filter=BusinessPartnerIsBlocked%20eq%20true", a, "").await;
    assert_eq!((count.status, count.body.as_str()), (200, "1"));
    let metadata = send(&gw, "GET", "$metadata", a, "").await;
    assert!(
        metadata.header("content-type").unwrap().contains("xml") && metadata.body.contains("A_BusinessPartnerType")
    );
    let doc = send(&gw, "GET", "", a, "").await.json();
    assert!(doc["d"]["EntitySets"].as_array().unwrap().contains(&json!("A_Customer")));
}

#[tokio::test]
async fn csrf_is_required_bound_to_the_session_and_user_and_merge_can_be_tunnelled() {
    let (gw, auth) = v2().await;
    let body = r#"{"BusinessPartner":"3000001","FirstName":"Kim"}"#;
    let refused = send(&gw, "POST", "A_BusinessPartner", &[("Authorization", &auth)], body).await;
    assert_eq!((refused.status, refused.header("x-csrf-token")), (403, Some("Required")));
    let (token, cookie) = csrf(&gw, &auth).await;
    let headers = [("Authorization", auth.as_str()), ("X-CSRF-Token", token.as_str()), ("Cookie", cookie.as_str())];
    let created = send(&gw, "POST", "A_BusinessPartner", &headers, body).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert!(created.header("location").unwrap().ends_with("A_BusinessPartner('3000001')"));
    let etag = created.header("etag").unwrap().to_owned();

    let bob = format!("Bearer {}", odata_sandbox::xsuaa::Xsuaa::start().await.unwrap().user_token("bob", "t1"));
    let foreign = [("Authorization", bob.as_str()), ("X-CSRF-Token", token.as_str()), ("Cookie", cookie.as_str())];
    let stolen = send(&gw, "POST", "A_BusinessPartner", &foreign, body).await;
    assert_eq!(
        (stolen.status, stolen.header("x-csrf-token")),
        (403, Some("Required")),
        "alice's CSRF session is not bob's"
    );

    let mut merge = headers.to_vec();
    merge.extend([("X-HTTP-Method", "MERGE"), ("If-Match", etag.as_str())]);
    let merged = send(&gw, "POST", "A_BusinessPartner('3000001')", &merge, r#"{"LastName":"Lee"}"#).await;
    assert_eq!(merged.status, 204, "{}", merged.body);
    let read = send(&gw, "GET", "A_BusinessPartner('3000001')", &headers, "").await.json();
    assert_eq!(
        (read["d"]["FirstName"].clone(), read["d"]["LastName"].clone()),
        (json!("Kim"), json!("Lee")),
        "MERGE keeps the rest"
    );
}

#[tokio::test]
async fn sap_capabilities_and_bad_input_are_refused_with_sap_error_bodies() {
    let (gw, auth) = v2().await;
    let (token, cookie) = csrf(&gw, &auth).await;
    let h = [
        ("Authorization", auth.as_str()),
        ("X-CSRF-Token", token.as_str()),
        ("Cookie", cookie.as_str()),
        ("If-Match", "*"),
    ];
    let cases: [(&str, &str, &str, u16, &str); 10] = [
        ("POST", "A_Customer", r#"{"Customer":"1"}"#, 405, "A_Customer is not creatable"),
        ("DELETE", "A_BusinessPartner('1000001')", "", 405, "A_BusinessPartner is not deletable"),
        (
            "PATCH",
            "A_BusinessPartnerRole(BusinessPartner='1000001',BusinessPartnerRole='FLCU01')",
            "{}",
            405,
            "not updatable",
        ),
        ("GET", "A_BusinessPartnerRating?$top=1", "", 400, "not pageable"),
        (
            "GET",
            "A_BusinessPartner?$filter=LastChangeDateTime%20gt%20datetimeoffset'2024-01-01T00:00:00Z'",
            "",
            400,
            "Property LastChangeDateTime is not filterable",
        ),
        (
            "GET",
            "A_BusinessPartner?$orderby=BusinessPartnerFullName",
            "",
            400,
            "Property BusinessPartnerFullName is not sortable",
        ),
        ("GET", "A_BusinessPartner?$filter=Nope%20eq%201", "", 400, "Property Nope not found"),
        ("GET", "A_BusinessPartner?$filter=FirstName%20eq", "", 400, "invalid $filter"),
        ("POST", "A_BusinessPartner", r#"{"BusinessPartner": 7"#, 400, "the body is no JSON"),
        ("POST", "A_BusinessPartner", r#"{"BusinessPartner":"1000001"}"#, 409, "already exists"),
    ];
    for (method, path, body, status, message) in cases {
        let answer = send(&gw, method, path, &h, body).await;
        assert_eq!(answer.status, status, "{method} {path}: {}", answer.body);
        let error = &answer.json()["error"];
        assert!(error["message"]["value"].as_str().unwrap().contains(message), "{method} {path}: {error}");
        assert_eq!(error["message"]["lang"], json!("en"));
        assert!(error["innererror"]["errordetails"].is_array());
    }
    let typed =
        send(&gw, "POST", "A_BusinessPartner", &h, r#"{"BusinessPartner":"3000002","BusinessPartnerIsBlocked":"yes"}"#)
            .await;
    assert_eq!(typed.status, 400);
    assert!(typed.body.contains("Property BusinessPartnerIsBlocked"), "{}", typed.body);
    assert_eq!(send(&gw, "GET", "A_BusinessPartner", &[], "").await.status, 401, "no token, no data");
}

#[tokio::test]
async fn v4_json_shapes_and_errors() {
    let edmx = include_str!("../../metadata-samples/cap_shop.v4.edmx");
    let gw =
        Gateway::builder(edmx).service_path("odata/v4/shop").csrf(false).require_if_match(false).start().await.unwrap();
    gw.seed(
        "Products",
        json!([{"ID": "P1", "price": "2.50", "stock": 3, "releasedAt": "/Date(1700000000000)/"}, {"ID": "P2"}]),
    )
    .unwrap();
    let list = send(&gw, "GET", "Products?$count=true&$filter=price%20ge%202&$select=price", &[], "").await.json();
    assert_eq!(list["@odata.count"], json!(1), "a number");
    assert_eq!(list["@odata.context"], json!("$metadata#Products"));
    assert_eq!(
        list["value"][0],
        json!({"@odata.etag": list["value"][0]["@odata.etag"], "ID": "P1", "price": 2.5}),
        "keys stay with $select"
    );
    let one = send(&gw, "GET", "Products('P1')", &[], "").await.json();
    assert_eq!(one["releasedAt"], json!("2023-11-14T22:13:20Z"));
    let created = send(&gw, "POST", "Products", &[], r#"{"ID":"P3","name":"x"}"#).await;
    assert_eq!(created.status, 201);
    let patched = send(&gw, "PATCH", "Products('P3')", &[("Prefer", "return=representation")], r#"{"stock":9}"#).await;
    assert_eq!(
        (patched.status, patched.json()["stock"].clone(), patched.json()["name"].clone()),
        (200, json!(9), json!("x"))
    );
    let missing = send(&gw, "GET", "Products('nope')", &[], "").await;
    assert_eq!(missing.status, 404);
    assert!(missing.json()["error"]["message"].is_string(), "V4: the message is a string");
    gw.reset();
    assert_eq!(send(&gw, "GET", "Products/$count", &[], "").await.body, "2", "back to the seed");
}

/// A V2 service with a media entity type in two sets, one of them read-only.
const MEDIA_EDMX: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx"
    xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
    xmlns:sap="http://www.sap.com/Protocols/SAPData">
  <edmx:DataServices m:DataServiceVersion="2.0">
    <Schema Namespace="MEDIA" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
      <EntityType Name="Document" m:HasStream="true">
        <Key><PropertyRef Name="DocId"/></Key>
        <Property Name="DocId" Type="Edm.String" Nullable="false" MaxLength="40"/>
        <Property Name="Kind" Type="Edm.String" MaxLength="10" Nullable="false" DefaultValue="PDF"/>
      </EntityType>
      <EntityContainer Name="MEDIA_Entities" m:IsDefaultEntityContainer="true">
        <EntitySet Name="Documents" EntityType="MEDIA.Document"/>
        <EntitySet Name="Archive" EntityType="MEDIA.Document" sap:creatable="false" sap:updatable="false"/>
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

#[tokio::test]
async fn media_creates_and_uploads_obey_the_sets_capabilities() {
    let gw = Gateway::builder(MEDIA_EDMX).csrf(false).require_if_match(false).start().await.unwrap();
    let pdf = [("Content-Type", "application/pdf"), ("Slug", "Zo%C3%AB%201")];
    let refused = send(&gw, "POST", "Archive", &pdf, "%PDF-1.7").await;
    assert_eq!(refused.status, 405, "{}", refused.body);
    assert!(refused.body.contains("Archive is not creatable"), "{}", refused.body);
    assert_eq!(send(&gw, "GET", "Archive/$count", &[], "").await.body, "0", "nothing stored");

    let made = send(&gw, "POST", "Documents", &pdf, "%PDF-1.7").await;
    assert_eq!(made.status, 201, "{}", made.body);
    let entity = &made.json()["d"];
    assert_eq!(entity["DocId"], json!("Zoë 1"), "the key from the Slug");
    assert_eq!(entity["Kind"], json!("PDF"), "the metadata's default, as for any create");
    assert!(made.header("location").unwrap().ends_with("Documents('Zo%C3%AB%201')"), "{}", made.head);
    assert!(made.header("etag").is_some());
    let content = send(&gw, "GET", "Documents('Zo%C3%AB%201')/$value", &[], "").await;
    assert_eq!((content.status, content.body.as_str()), (200, "%PDF-1.7"));
    let again = send(&gw, "POST", "Documents", &pdf, "%PDF-1.7").await;
    assert_eq!(again.status, 409, "{}", again.body);

    gw.seed("Archive", json!([{"DocId": "old"}])).unwrap();
    let upload = send(&gw, "PUT", "Archive('old')/$value", &[("Content-Type", "application/pdf")], "x").await;
    assert_eq!(upload.status, 405, "{}", upload.body);
    assert!(upload.body.contains("Archive is not updatable"), "{}", upload.body);
}
