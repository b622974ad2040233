//! What real SAP `$metadata` gets wrong, read forgivingly: the unusable item is skipped
//! (or an unknown `Edm.` type read as raw JSON) with a warning naming line, column and
//! what was skipped; read strictly, each is an error.

use odata_edmx::{parse, parse_with, ODataVersion, ParseOptions, Primitive, TypeRef};

const STRICT: ParseOptions = ParseOptions { strict: true };

/// A V4 service layer with the shapes seen in real ERP metadata.
const SLOPPY_V4: &str = r#"
<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
<edmx:DataServices><Schema Namespace="erp" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="Item"><Key><PropertyRef Name="ID"/></Key>
  <Property Name="ID" Type="Edm.Int32" Nullable="false"/>
  <Property Name="Weight" Type="Edm.Float"/>
  <Property Name="Shape" Type="erp.NoSuchType"/>
</EntityType>
<Function Name="Price"><Parameter Name="Factor" Type="Edm.Float"/><ReturnType Type="Edm.Decimal"/></Function>
<Action Name="Close"><Parameter Name="Reason" Type="erp.Missing"/></Action>
<EntityContainer Name="Service">
  <EntitySet Name="Items" EntityType="erp.Item"/>
  <FunctionImport Name="Price" Function="erp.Price"/>
  <ActionImport Name="Close" Action="erp.Close"/>
  <ActionImport Name="Reorganize" Action="erp.Reorganize"/>
</EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;

#[test]
fn unusable_items_are_skipped_each_with_a_warning() {
    let model = parse(SLOPPY_V4).unwrap();
    let warnings: Vec<String> = model.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "7:3: Property 'Weight' of EntityType 'erp.Item' has unknown type 'Edm.Float': read as raw JSON (edm::RawJson)",
            "8:3: Property 'Shape' of EntityType 'erp.Item' has unknown type 'erp.NoSuchType': the property is skipped",
            "10:24: Parameter 'Factor' of Function 'erp.Price' has unknown type 'Edm.Float': read as raw JSON (edm::RawJson)",
            "11:22: Parameter 'Reason' of Action 'erp.Close' has unknown type 'erp.Missing': Action 'erp.Close' is skipped",
            "15:3: ActionImport 'Close' names unknown unbound action 'erp.Close': the import is skipped",
            "16:3: ActionImport 'Reorganize' names unknown unbound action 'erp.Reorganize': the import is skipped",
        ]
    );
    let item = &model.entity_types[0];
    let names: Vec<&str> = item.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ID", "Weight"]);
    assert_eq!(item.properties[1].ty, TypeRef::Primitive(Primitive::Untyped("Edm.Float".into())));
    let imports: Vec<&str> = model.container.imports.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(imports, ["Price"], "the usable import stays");
    assert_eq!(model.container.entity_sets.len(), 1);

    let errors: Vec<String> = parse_with(SLOPPY_V4, &STRICT).unwrap_err().0.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 6, "{errors:#?}");
    assert_eq!(errors[1], "8:3: Property 'Shape' of EntityType 'erp.Item' has unknown type 'erp.NoSuchType'");
}

#[test]
fn a_v2_document_that_says_version_4_is_read_as_v2_with_a_warning() {
    let source = "\n  \n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".to_owned()
        + r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
<edmx:DataServices m:DataServiceVersion="2.0" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
<Schema Namespace="gw" xmlns="http://schemas.microsoft.com/ado/2008/09/edm">
<EntityType Name="Order"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.String" Nullable="false"/></EntityType>
<EntityContainer Name="C" m:IsDefaultEntityContainer="true"><EntitySet Name="Orders" EntityType="gw.Order"/></EntityContainer>
</Schema></edmx:DataServices></edmx:Edmx>"#;
    let model = parse(&source).unwrap();
    assert_eq!(model.version, ODataVersion::V2);
    let warnings: Vec<String> = model.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["4:1: Edmx Version=\"4.0\" contradicts the document's namespaces: read as OData V2, as the namespaces say"]
    );
    let errors = parse_with(&source, &STRICT).unwrap_err();
    assert_eq!(errors.to_string(), "4:1: Edmx Version=\"4.0\" contradicts the document's namespaces");
}
