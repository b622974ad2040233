#!/usr/bin/env python3
"""Writes erp_service_layer.v4.edmx: a large OData V4 service shaped like an ERP's
service layer, with the mistakes such metadata carries, for scale and warning tests.

Deterministic: the same output every run. Run from the repository root:
    python3 metadata-samples/generate_erp_v4.py
Scaled inputs (the codegen benchmark's 4x and 16x):
    python3 metadata-samples/generate_erp_v4.py --scale 4 --out /tmp/erp_4x.edmx

Written for this project (no SAP file was copied). Its shape: business objects as entity
types with many scalar properties, collections of line complex types and navigation to
master data (the first 20 entity types, which navigate nowhere: chains stay short, as in
real services); enum types for status fields; every entity type with bound actions
(Cancel, Close, Reopen) and a bound function; unbound "service" functions and actions
with complex parameters and imports for them. Like real service-layer metadata, some
imports name operations declared nowhere and a few properties and parameters use
`Edm.Float`, which OData does not define: the generator skips or reads them as raw JSON,
with a warning each. The test suite checks that the committed file equals this script's
output.
"""
import argparse
import os

NS = "ERPSL"
ENTITIES = 240
COMPLEX = 110
ENUMS = 56
PROPERTIES = 46  # scalar properties per entity type besides the key
DANGLING = 24  # imports naming operations declared nowhere

SCALARS = [
    ("Edm.String", ' MaxLength="100"'),
    ("Edm.Int32", ""),
    ("Edm.Decimal", ' Precision="19" Scale="6"'),
    ("Edm.DateTimeOffset", ""),
    ("Edm.String", ' MaxLength="254"'),
    ("Edm.Double", ""),
    ("Edm.Date", ""),
    ("Edm.Int64", ""),
    ("Edm.Boolean", ""),
    ("Edm.String", ' MaxLength="8"'),
    ("Edm.TimeOfDay", ""),
    ("Edm.Guid", ""),
]
WORDS = ["Code", "Name", "Amount", "Date", "Remarks", "Rate", "DueDate", "Number", "Active",
         "Currency", "Time", "Guid", "Total", "Reference", "Country", "Weight", "Quantity", "Owner"]
OBJECTS = ["Order", "Invoice", "Quotation", "Delivery", "Return", "CreditNote", "PurchaseOrder",
           "GoodsReceipt", "Payment", "Journal", "Item", "Partner", "Project", "Contract", "Asset",
           "Warehouse", "Employee", "Activity", "Opportunity", "ServiceCall"]


MASTERS = 20  # master data entity types, which other objects navigate to


def master_of(i):
    return (i * 13 + 5) % MASTERS


def related_of(i):
    return (i * 7 + 1) % MASTERS


def entity_name(i):
    return f"{OBJECTS[i % len(OBJECTS)]}{i // len(OBJECTS):02d}"


def complex_name(i):
    return f"{OBJECTS[i % len(OBJECTS)]}Line{i // len(OBJECTS):02d}"


def enum_name(i):
    return f"Bo{OBJECTS[i % len(OBJECTS)]}Status{i // len(OBJECTS):02d}"


def enum(i):
    members = ["Open", "Closed", "Cancelled", "Draft", "Approved", "Rejected", "Paid"][: 3 + i % 5]
    lines = [f'      <EnumType Name="{enum_name(i)}">']
    lines += [f'        <Member Name="bo{m}{i:02d}" Value="{v}"/>' for v, m in enumerate(members)]
    lines.append("      </EnumType>")
    return "\n".join(lines)


def complex_type(i, entities):
    lines = [f'      <ComplexType Name="{complex_name(i)}">',
             '        <Property Name="LineNum" Type="Edm.Int32"/>']
    for p in range(12):
        edm, facets = SCALARS[(i + p) % len(SCALARS)]
        lines.append(f'        <Property Name="{WORDS[(i * 3 + p) % len(WORDS)]}{p:02d}" Type="{edm}"{facets}/>')
    lines.append(f'        <Property Name="LineStatus" Type="{NS}.{enum_name(i % ENUMS)}"/>')
    if i % 9 == 4:
        lines.append('        <Property Name="Volume" Type="Edm.Float"/>')
    lines.append("      </ComplexType>")
    return "\n".join(lines)


def entity(i, entities, complexes):
    name = entity_name(i)
    lines = [f'      <EntityType Name="{name}">',
             '        <Key><PropertyRef Name="DocEntry"/></Key>',
             '        <Property Name="DocEntry" Type="Edm.Int32" Nullable="false"/>']
    for p in range(PROPERTIES):
        edm, facets = SCALARS[(i + p) % len(SCALARS)]
        lines.append(f'        <Property Name="{WORDS[(i + p) % len(WORDS)]}{p:02d}" Type="{edm}"{facets}/>')
    lines.append(f'        <Property Name="DocumentStatus" Type="{NS}.{enum_name(i % ENUMS)}"/>')
    lines.append(f'        <Property Name="DocumentLines" Type="Collection({NS}.{complex_name(i % complexes)})"/>')
    lines.append(f'        <Property Name="AddressExtension" Type="{NS}.{complex_name((i * 7 + 3) % complexes)}"/>')
    if i % 40 == 7:
        lines.append('        <Property Name="GrossWeight" Type="Edm.Float"/>')
    if i >= MASTERS:
        master = master_of(i)
        lines.append(f'        <NavigationProperty Name="Master{entity_name(master)}" Type="{NS}.{entity_name(master)}"/>')
        if i % 3 == 0:
            child = related_of(i)
            lines.append(f'        <NavigationProperty Name="Related{entity_name(child)}" '
                         f'Type="Collection({NS}.{entity_name(child)})"/>')
    lines.append("      </EntityType>")
    return "\n".join(lines)


def bound_operations(i):
    name = entity_name(i)
    out = []
    for verb in ["Cancel", "Close", "Reopen"]:
        out.append(f'      <Action Name="{verb}{name}" IsBound="true">'
                   f'<Parameter Name="{name}" Type="{NS}.{name}"/></Action>')
    out.append(f'      <Function Name="Preview{name}" IsBound="true">'
               f'<Parameter Name="{name}" Type="{NS}.{name}"/>'
               f'<Parameter Name="Language" Type="Edm.String" MaxLength="8"/>'
               f'<ReturnType Type="Edm.String"/></Function>')
    return out


def service_operations(count, complexes):
    """Unbound functions and actions (`XService_Verb`) and their imports."""
    ops, imports = [], []
    for k in range(count):
        service = f"{OBJECTS[k % len(OBJECTS)]}Service"
        arg = complex_name(k % complexes)
        if k % 2 == 0:
            name = f"{service}_Get{k:03d}"
            factor = '<Parameter Name="Factor" Type="Edm.Float"/>' if k % 50 == 10 else ""
            ops.append(f'      <Function Name="{name}"><Parameter Name="Params" Type="{NS}.{arg}"/>{factor}'
                       f'<ReturnType Type="{NS}.{arg}"/></Function>')
            imports.append(f'        <FunctionImport Name="{name}" Function="{NS}.{name}"/>')
        else:
            name = f"{service}_Update{k:03d}"
            ops.append(f'      <Action Name="{name}"><Parameter Name="Params" Type="{NS}.{arg}"/></Action>')
            imports.append(f'        <ActionImport Name="{name}" Action="{NS}.{name}"/>')
    return ops, imports


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--scale", type=int, default=1, help="multiplies entity, complex and enum types")
    args.add_argument("--out", default=os.path.join(here, "erp_service_layer.v4.edmx"))
    args = args.parse_args()
    global ENUMS
    entities, complexes, ENUMS = ENTITIES * args.scale, COMPLEX * args.scale, ENUMS * args.scale
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           "<!-- Generated by metadata-samples/generate_erp_v4.py. Do not edit. -->",
           '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
           "  <edmx:DataServices>",
           f'    <Schema Namespace="{NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">']
    out += [enum(i) for i in range(ENUMS)]
    out += [complex_type(i, entities) for i in range(complexes)]
    out += [entity(i, entities, complexes) for i in range(entities)]
    for i in range(entities):
        out += bound_operations(i)
    service_ops, imports = service_operations(180 * args.scale, complexes)
    out += service_ops
    out.append('      <EntityContainer Name="ServiceLayer">')
    for i in range(entities):
        name = entity_name(i)
        out.append(f'        <EntitySet Name="{name}s" EntityType="{NS}.{name}">')
        if i >= MASTERS:
            master = entity_name(master_of(i))
            out.append(f'          <NavigationPropertyBinding Path="Master{master}" Target="{master}s"/>')
            if i % 3 == 0:
                child = entity_name(related_of(i))
                out.append(f'          <NavigationPropertyBinding Path="Related{child}" Target="{child}s"/>')
        out.append("        </EntitySet>")
    out += imports
    for k in range(DANGLING):
        verb = "Action" if k % 2 else "Function"
        out.append(f'        <{verb}Import Name="Undeclared{verb}{k:02d}" {verb}="{NS}.Undeclared{verb}{k:02d}"/>')
    out += ["      </EntityContainer>", "    </Schema>", "  </edmx:DataServices>", "</edmx:Edmx>", ""]
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
