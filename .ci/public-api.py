#!/usr/bin/env python3
"""Counts the runtime's public API as its rendered docs show it (run after `cargo doc`).

Reads target/doc/odata_runtime/all.html: every struct, enum, union and type alias (the
types), and every trait, outside the hidden `__private` module that generated code
uses. Fails when a count grows past its ceiling, so the API only grows on purpose:
raise a ceiling in the same change that adds a public type, and say why.
"""
import pathlib
import re
import sys

# 67 after issue 18; + request::Pages (paging by hand, issue 26); + auth::{Refusal, Issuer,
# VerifiedUser, VerifyFuture, Tenant}, btp::verify::{Verifier, VerifierBuilder} (verified users and
# subscriber tenants, issue 19); + query::Aggregate, request::AggregateRequest ($apply, issue 21);
# + request::{DeltaRequest, DeltaPage} (delta links, issue 21);
# + query::{Collection, Each} (lambdas over collections of values, issue 21);
# + query::ComplexCollection (lambdas over collections of complex values, issue 21).
# The `axum` feature's RequireUser and RequireUserService are not in the default docs.
TYPES_CEILING = 82
# 18 after issue 18; + query::ValueOf (issue 26); + auth::Authenticate (issue 19);
# + request::Searchable (search only where the metadata allows it, issue 21);
# + query::{Aggregates, GroupBy} (what $apply groups by and computes, issue 21);
# + request::ChangeTracking (delta links only where the metadata offers them, issue 21);
# + request::NewEntity (a create type names its entity type, so a create through a navigation
# property takes only the create type of the entity type it leads to).
TRAITS_CEILING = 25

ALL = pathlib.Path(__file__).resolve().parent.parent / "target" / "doc" / "odata_runtime" / "all.html"


def main():
    if not ALL.exists():
        sys.exit(f"{ALL} is missing: run `cargo doc -p odata-runtime --no-deps` first")
    html = ALL.read_text()
    sections = {}
    for m in re.finditer(r'<h3 id="[a-z-]+">([^<]+)</h3><ul class="all-items">(.*?)</ul>', html, re.S):
        sections[m.group(1)] = re.findall(r'<a href="[^"]+">([^<]+)</a>', m.group(2))
    types = [i for k in ("Structs", "Enums", "Unions", "Type Aliases") for i in sections.get(k, [])]
    traits = sections.get("Traits", [])
    hidden = [i for i in types + traits if "__private" in i]
    print(f"odata-runtime public API: {len(types)} types (ceiling {TYPES_CEILING}), "
          f"{len(traits)} traits (ceiling {TRAITS_CEILING})")
    if "-v" in sys.argv:
        print("types:", " ".join(types))
        print("traits:", " ".join(traits))
    problems = []
    if hidden:
        problems.append(f"the hidden module shows in the docs: {hidden}")
    if len(types) > TYPES_CEILING:
        problems.append(f"{len(types)} public types, more than {TYPES_CEILING}")
    if len(traits) > TRAITS_CEILING:
        problems.append(f"{len(traits)} public traits, more than {TRAITS_CEILING}")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)


main()
