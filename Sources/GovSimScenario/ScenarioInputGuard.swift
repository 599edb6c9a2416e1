import CYaml
import Yams

/// A cheap first pass over a scenario's YAML, before Yams composes it into nodes, that refuses
/// documents which would make composing expensive:
///
/// - collections nested more than ``maximumDepth`` levels (a scenario needs about 8; libyaml's
///   own limit is 1000, and Yams composes recursively);
/// - more than ``ScenarioLoader/nodeBudget`` nodes, counting each alias as the nodes it repeats.
///   Yams checks every mapping for duplicate keys by hashing the key nodes, and hashing an
///   aliased collection visits every node it repeats, so a "billion laughs" document used as a
///   mapping key would otherwise run for hours before the loader's own budgeted walk starts;
/// - more than ``maximumKeys`` mapping keys: that duplicate check also resolves each key's
///   implicit tag with regular expressions, about 25 µs a key, so 40,000 keys took 1.7 s.
///
/// The pass reads libyaml's event stream (the C library Yams is built on) without building
/// anything: one counter per open collection and one number per anchor, so its time is linear in
/// the file's size and its memory is bounded by the depth limit and the number of anchors.
/// Documents with a syntax error pass through unchanged, so that Yams reports the error in its
/// usual words.
///
/// `CYaml` is the C target of the Yams package, not a product of it: it is importable because
/// SwiftPM gives every target the module maps of its dependencies' C targets. If a future
/// SwiftPM refuses such imports, this pass can move to a copy of libyaml's event API or be
/// replaced by a scan of the text.
package enum ScenarioInputGuard {
    /// Deepest nesting of collections (mappings and lists, block or flow) accepted.
    package static let maximumDepth = 64
    /// Most mapping keys accepted (as written; a scenario has a few hundred).
    package static let maximumKeys = 20_000

    /// The first problem found, located at the collection or alias where a limit was crossed;
    /// nil when the document is within the limits (or has a syntax error left for Yams).
    package static func check(
        _ text: String, fileName: String,
        maximumNodes: Int = ScenarioLoader.nodeBudget
    ) -> Diagnostic? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Diagnostic? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

            // Nodes counted so far (aliases count as the nodes they repeat), the count at the
            // start of each open collection, and the size of each anchored node.
            var nodes = 0, keys = 0
            var openCollections: [(startCount: Int, anchor: String?, isMapping: Bool, atKey: Bool)] = []
            var anchorSizes: [String: Int] = [:]

            func diagnostic(_ mark: yaml_mark_t, _ message: String, _ hint: String) -> Diagnostic {
                Diagnostic(file: fileName, line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message, hint: hint)
            }
            func tooMany(_ mark: yaml_mark_t) -> Diagnostic {
                diagnostic(
                    mark, "the scenario has more than \(maximumNodes) YAML nodes, counting each alias (*name) as the nodes it repeats",
                    "write the scenario without anchors and aliases; a scenario has a few hundred nodes")
            }
            func tooManyKeys(_ mark: yaml_mark_t) -> Diagnostic {
                diagnostic(
                    mark, "the scenario has more than \(maximumKeys) mapping keys",
                    "check that this is a scenario file; a scenario has a few hundred keys")
            }
            func tooDeep(_ mark: yaml_mark_t) -> Diagnostic {
                diagnostic(
                    mark, "the scenario nests lists or mappings more than \(maximumDepth) levels deep",
                    "check for unbalanced brackets; a scenario nests at most 8 levels")
            }
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }

            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml's scanner reads ahead and stops at its own limit (1000 levels)
                    // before the parser reports the 65th: report that in this check's words.
                    if let problem = parser.problem, String(cString: problem).contains("nesting level") {
                        if let (line, column) = deepFlowBracket(buffer) {
                            return Diagnostic(
                                file: fileName, line: line, column: column, message: tooDeep(parser.problem_mark).message,
                                hint: tooDeep(parser.problem_mark).hint)
                        }
                        return tooDeep(parser.problem_mark)
                    }
                    return nil
                }
                let type = event.type
                let mark = event.start_mark
                var problem: Diagnostic? = nil
                // A node inside a mapping is alternately a key and a value.
                if [YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT].contains(type),
                    let parent = openCollections.indices.last, openCollections[parent].isMapping
                {
                    if openCollections[parent].atKey { keys += 1 }
                    openCollections[parent].atKey.toggle()
                    if keys > maximumKeys { problem = tooManyKeys(mark) }
                }
                switch type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if openCollections.count >= maximumDepth {
                        problem = tooDeep(mark)
                        break
                    }
                    let anchor =
                        type == YAML_SEQUENCE_START_EVENT ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                    openCollections.append((nodes, anchor, type == YAML_MAPPING_START_EVENT, true))
                    nodes += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let open = openCollections.popLast(), let anchor = open.anchor {
                        anchorSizes[anchor] = nodes - open.startCount
                    }
                case YAML_SCALAR_EVENT:
                    nodes += 1
                    if let anchor = name(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    // An undefined alias is left for Yams to report.
                    nodes += name(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                case YAML_DOCUMENT_START_EVENT:
                    anchorSizes.removeAll()  // anchors are local to a document
                default:
                    break
                }
                if problem == nil, nodes > maximumNodes { problem = tooMany(mark) }
                yaml_event_delete(&event)
                if let problem { return problem }
                if type == YAML_STREAM_END_EVENT { return nil }
            }
        }
    }
}

extension ScenarioInputGuard {
    /// The line and column (1-based) of the first flow bracket (`[` or `{`) nested deeper than
    /// ``maximumDepth``, skipping quoted text and comments; nil if there is none. Used to locate
    /// the problem when libyaml's scanner stops at its own nesting limit without a position.
    static func deepFlowBracket(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> (Int, Int)? {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var comment = false
        var previous: UInt8 = 10
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { column += 1 }
            if b == 10 {
                line += 1; column = 0; comment = false
            } else if comment {
                // skip to the end of the line
            } else if let q = quote {
                if q == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") {
                    i += 1
                }  // skip the escaped byte
                else if b == q {
                    quote = nil
                }
            } else if b == UInt8(ascii: "#") && (previous == 32 || previous == 9 || previous == 10) {
                comment = true
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                depth += 1
                if depth > maximumDepth { return (line, column) }
            } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                depth = max(0, depth - 1)
            }
            previous = b
            i += 1
        }
        return nil
    }
}

extension ScenarioLoader {
    /// Errors collected before the loader stops walking the document (the command line prints
    /// the first 20). Without a limit, a file of 100,000 unknown keys would spend seconds making
    /// "did you mean" suggestions nobody reads.
    package static let maximumDiagnostics = 50

    /// Whether the walk may go on; on reaching ``maximumDiagnostics`` errors, adds one that says
    /// the loader stopped there and returns false.
    mutating func withinDiagnosticLimit(_ node: Node) -> Bool {
        let errors = diagnostics.count
        if errors == ScenarioLoader.maximumDiagnostics {
            error(at: node, "stopped after \(errors) errors; there may be more", hint: "fix these and load the scenario again")
        }
        return errors < ScenarioLoader.maximumDiagnostics
    }
}
