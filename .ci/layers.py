#!/usr/bin/env python3
"""The runtime's modules import downward only.

Reads every `crate::…` path in odata-runtime/src (code, not comments or doc links),
resolves names the crate root re-exports to the module that defines them, and fails
on an import from a higher layer or any import circle between top-level modules.
The layers, bottom to top, are the ones ARCHITECTURE.md describes.
"""
import pathlib
import re
import sys

LAYERS = [
    ("foundation", ["version", "redact"]),
    ("values", ["edm", "object", "format", "entity", "error"]),
    ("query", ["query"]),
    ("auth and route traits", ["auth"]),
    ("call plan", ["plan"]),
    ("transport", ["client"]),
    ("typed calls", ["request", "operation"]),
    ("batch", ["batch"]),
    ("btp", ["btp"]),
    ("serving: verified users in axum", ["axum"]),
    ("plumbing for generated code", ["__private"]),
]

SRC = pathlib.Path(__file__).resolve().parent.parent / "odata-runtime" / "src"


def code_of(path):
    """The file without comments and string literals."""
    text = path.read_text()
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def root_exports():
    """Names `lib.rs` re-exports, mapped to their module: `pub use client::{Client}`."""
    exports = {}
    for m in re.finditer(r"pub use (\w+)::(\{[^}]*\}|\w+)\s*;", code_of(SRC / "lib.rs")):
        for name in re.split(r"[,\s{}]+", m.group(2)):
            if name:
                exports[name.split(" as ")[-1]] = m.group(1)
    return exports


def modules_used(code, exports):
    used = set()
    for m in re.finditer(r"crate::(\{(?:[^{}]|\{[^{}]*\})*\}|\w+)", code):
        item = m.group(1)
        names = re.findall(r"(?:^|[{,])\s*(\w+)", item) if item.startswith("{") else [item]
        for name in names:
            used.add(exports.get(name, name))
    return used


def main():
    layer_of = {}
    for index, (_, modules) in enumerate(LAYERS):
        for module in modules:
            layer_of[module] = index
    exports = root_exports()
    edges = {}
    problems = []
    for path in sorted(SRC.rglob("*.rs")):
        rel = path.relative_to(SRC)
        if rel.name == "lib.rs" and len(rel.parts) == 1:
            continue
        module = rel.parts[0].removesuffix(".rs")
        if module not in layer_of:
            problems.append(f"{rel}: module `{module}` is in no layer of .ci/layers.py")
            continue
        for used in modules_used(code_of(path), exports):
            if used == module or used in ("self", "super"):
                continue
            if used not in layer_of:
                if (SRC / f"{used}.rs").exists() or (SRC / used).is_dir():
                    problems.append(f"{rel}: imports `{used}`, which is in no layer")
                continue
            edges.setdefault(module, set()).add(used)
            if layer_of[used] > layer_of[module]:
                problems.append(
                    f"{rel}: `{module}` ({LAYERS[layer_of[module]][0]}) imports `{used}` "
                    f"({LAYERS[layer_of[used]][0]}), a higher layer"
                )
    # Circles within a layer.
    state = {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                problems.append("import circle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    if "-v" in sys.argv:
        for module in sorted(edges, key=lambda m: layer_of[m]):
            print(f"{module:>10} -> {', '.join(sorted(edges[module], key=lambda m: layer_of[m]))}")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"odata-runtime: {len(layer_of)} modules in {len(LAYERS)} layers, every import downward, no circle")


main()
