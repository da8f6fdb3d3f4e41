#!/bin/sh
# GitStore benchmark: times the hot paths on a 10,000-file tree (release build).
# Builds a throwaway package that links this checkout's Sources/GitStore and Sources/CGit2,
# so Package.swift stays untouched. Usage: Benchmarks/gitstore-bench.sh [files]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gitstore-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Sources/gitstore-bench"
ln -s "$root/Sources/CGit2" "$work/Sources/CGit2"
ln -s "$root/Sources/GitStore" "$work/Sources/GitStore"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "gitstore-bench",
    targets: [
        .systemLibrary(name: "CGit2", path: "Sources/CGit2", pkgConfig: "libgit2"),
        .target(name: "GitStore", dependencies: ["CGit2"]),
        .executableTarget(name: "gitstore-bench", dependencies: ["GitStore"]),
    ])
SWIFT
cat > "$work/Sources/gitstore-bench/main.swift" <<'SWIFT'
import Foundation
import GitStore

let files = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gitstore-bench-\(UUID())").path
defer { try? FileManager.default.removeItem(atPath: directory) }

func measure<T>(_ label: String, runs: Int = 5, _ body: () throws -> T) rethrows -> T {
    var best = Double.infinity
    var result: T?
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        result = try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
    print(padded, String(format: "%9.2f ms (best of %d)", best, runs))
    return try result ?? body()
}

let repository = try Repository.create(at: directory)
let signature = Signature(name: "Bench", email: "bench@example.org", time: 1_700_000_000)
var entries: [String: TreeEntry] = [:]
let blobs = try measure("writeBlob x \(files) (distinct, loose)", runs: 1) {
    try (0..<files).map { try repository.writeBlob(Array("file \($0)\n".utf8)) }
}
for index in 0..<files {
    entries["etc/d\(index % 40)/s\(index % 13)/file\(index).conf"] = TreeEntry(id: blobs[index], mode: .blob)
}
_ = try measure("writeTree \(files) entries, all trees new", runs: 1) { try repository.writeTree(entries) }
let tree = try measure("writeTree \(files) entries, trees stored") { try repository.writeTree(entries) }
_ = try measure("readTree \(files) entries") { try repository.readTree(tree) }
let first = try repository.createCommit(
    tree: tree, parents: [], author: signature, committer: signature, message: "base\n",
    updating: "refs/heads/main", expected: nil)
entries["etc/d7/s7/file7.conf"] = TreeEntry(id: try repository.writeBlob(Array("changed\n".utf8)), mode: .blob)
let changedTree = try repository.writeTree(entries)
let changes = try measure("diff, one file changed of \(files)") { try repository.diff(from: tree, to: changedTree) }
precondition(changes.count == 1)
_ = try measure("diff from empty tree (\(files) added)") { try repository.diff(from: nil, to: changedTree) }
var tip = first
for index in 0..<200 {
    entries["etc/d1/s1/file1.conf"] = TreeEntry(id: try repository.writeBlob(Array("v\(index)\n".utf8)), mode: .blob)
    tip = try repository.createCommit(
        tree: try repository.writeTree(entries), parents: [tip], author: signature, committer: signature,
        message: "v\(index)\n", updating: "refs/heads/main", expected: tip)
}
var round = 0
_ = try measure("commit a one-file change (blob+tree+commit)") {
    round += 1
    entries["etc/d2/s2/file2.conf"] = TreeEntry(id: try repository.writeBlob(Array("r\(round)\n".utf8)), mode: .blob)
    tip = try repository.createCommit(
        tree: try repository.writeTree(entries), parents: [tip], author: signature, committer: signature,
        message: "r\(round)\n", updating: "refs/heads/main", expected: tip)
}
_ = try measure("log \(201 + round) commits") { try repository.log(from: tip) }
_ = try measure("log, path filter (2 hits)") { try repository.log(from: tip, path: "etc/d7") }
_ = try measure("resolve HEAD~100") { try repository.resolve("HEAD~100") }
let pack = try measure("pack one commit over its parent", runs: 3) {
    try repository.pack(including: [tip], excluding: [repository.commit(tip).parents[0]])
}
print("pack size: \(pack.count) bytes")
SWIFT
cd "$work"
swift build -c release --product gitstore-bench >/dev/null
"$work/.build/release/gitstore-bench" "$@"
