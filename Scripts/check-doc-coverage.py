#!/usr/bin/env python3
"""Fails when a public symbol in the given symbol-graph folder has no documentation comment.

Symbols the compiler synthesizes, and members that only implement a standard protocol's requirement
(Codable, Hashable, RawRepresentable, CustomStringConvertible, Error, the literal protocols, …) inherit
their meaning from the protocol and are not counted. So are a protocol extension's default
implementations, which DocC shows under the requirement they implement. A protocol's own requirements
are counted: they are where that meaning is written.
"""
import glob
import json
import os
import sys

PROTOCOL_WITNESSES = {
    "init(from:)", "encode(to:)", "init(rawValue:)", "rawValue", "hash(into:)", "hashValue",
    "description", "debugDescription", "errorDescription", "failureReason", "recoverySuggestion",
    "helpAnchor", "init(stringLiteral:)", "init(integerLiteral:)", "init(floatLiteral:)",
    "init(booleanLiteral:)", "init(arrayLiteral:)", "init(dictionaryLiteral:)", "init(nilLiteral:)",
    "init(unicodeScalarLiteral:)",
    "init(extendedGraphemeClusterLiteral:)", "makeAsyncIterator()", "next()", "makeIterator()",
    "==(_:_:)", "<(_:_:)", "allCases", "id", "localizedDescription",
}


def undocumented(folder):
    missing = []
    paths = sorted(glob.glob(os.path.join(folder, "*.symbols.json")))
    if not paths:
        sys.exit(f"no symbol graphs in {folder}")
    for path in paths:
        with open(path) as handle:
            graph = json.load(handle)
        inherited = {r["source"] for r in graph["relationships"]
                     if r["kind"] == "defaultImplementationOf"}
        for symbol in graph["symbols"]:
            precise = symbol["identifier"]["precise"]
            if symbol["accessLevel"] not in ("public", "open") or symbol.get("docComment"):
                continue
            if "::SYNTHESIZED::" in precise or precise in inherited:
                continue
            if symbol["pathComponents"][-1] in PROTOCOL_WITNESSES:
                continue
            location = symbol.get("location", {})
            file = location.get("uri", "").replace("file://", "")
            line = location.get("position", {}).get("line", 0) + 1
            missing.append(f"{file}:{line}: {'.'.join(symbol['pathComponents'])} ({symbol['kind']['displayName']})")
    return missing


if __name__ == "__main__":
    folder = sys.argv[1]
    missing = undocumented(folder)
    for entry in missing:
        print(f"undocumented: {entry}")
    if missing:
        print(f"{len(missing)} public symbols without documentation in {folder}")
        sys.exit(1)
