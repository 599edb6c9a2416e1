/// The RFC 4180 tokenizer behind ``DataTable``: bytes → records of decoded fields.
extension DataTable {
    /// One CSV record: its fields and the 1-based line of the file on which it starts.
    struct Record {
        let line: Int
        let fields: [String]
    }

    private enum State {
        /// At the start of a field (after a comma or a record break).
        case fieldStart
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just read a quote inside a quoted field: either the closing quote or the first half
        /// of a doubled quote.
        case quoteInQuoted
        /// After the closing quote of a quoted field, where only spaces or tabs may follow
        /// before the comma or line break.
        case afterClosingQuote
    }

    /// Splits `input` into records. Completely empty lines are skipped.
    /// - Throws: ``DataTableError`` for an unterminated quote, a stray quote, text after a
    ///   closing quote, or invalid UTF-8, naming line and field.
    static func records(_ input: [UInt8], fileName: String) throws -> [Record] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var start = 0
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { start = 3 }

        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var fieldLine = 1  // line on which the current field started (for quote errors)
        var recordHasContent = false

        func finishField() throws {
            guard let text = StrictUTF8.decode(field) else {
                let offset = StrictUTF8.firstInvalidOffset(field)
                throw DataTableError(
                    .invalidUTF8, file: fileName, line: fieldLine, column: fields.count + 1,
                    problem: "the value contains bytes that are not valid UTF-8 (byte \(offset + 1) of the field)",
                    fix: "save the file as UTF-8 (in Excel: \"CSV UTF-8\"; with iconv: iconv -f latin1 -t utf-8)")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            if fields.count > maximumColumns {
                throw DataTableError(
                    .tooLarge, file: fileName, line: recordLine, column: fields.count,
                    problem: "the row has more than \(maximumColumns) values, the limit for a data file",
                    fix: "check that this is the intended CSV file; a fit or a history needs a few columns")
            }
        }
        func finishRecord() throws {
            try finishField()
            if recordHasContent || fields.count > 1 || !(fields.first?.isEmpty ?? true) {
                records.append(Record(line: recordLine, fields: fields))
                if records.count > maximumRows + 1 {
                    throw DataTableError(
                        .tooLarge, file: fileName, line: recordLine,
                        problem: "the file has more than \(maximumRows) data rows, the limit for a data file",
                        fix: "aggregate or sample the data first")
                }
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        var i = start
        /// A separating comma: the next field starts on this line.
        func endField() throws {
            try finishField()
            state = .fieldStart
            fieldLine = line
        }
        /// A line break ending a record (CRLF counts once).
        func endRecord(at byte: UInt8) throws {
            try finishRecord()
            if byte == cr && i + 1 < input.count && input[i + 1] == lf { i += 1 }
            line += 1
            recordLine = line
            fieldLine = line
            state = .fieldStart
        }
        while i < input.count {
            let byte = input[i]
            switch state {
            case .fieldStart, .unquoted:
                if byte == comma {
                    try endField()
                    recordHasContent = true
                } else if byte == lf || byte == cr {
                    try endRecord(at: byte)
                } else if byte == quote {
                    if state == .unquoted && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        // Spaces before an opening quote (`a, "b"`) are tolerated and dropped.
                        field.removeAll(keepingCapacity: true)
                    } else if state == .unquoted {
                        throw DataTableError(
                            .strayQuote, file: fileName, line: line, column: fields.count + 1,
                            problem: "a double quote appears inside an unquoted value",
                            fix: "enclose the whole value in double quotes and write each quote inside it twice (\"\")")
                    }
                    state = .quoted
                    fieldLine = line
                    recordHasContent = true
                } else {
                    // An unquoted run: each byte up to the next comma, line break or quote would
                    // take this branch, so the run is appended at once.
                    var end = i + 1
                    while end < input.count {
                        let next = input[end]
                        if next == comma || next == lf || next == cr || next == quote { break }
                        end += 1
                    }
                    field.append(contentsOf: input[i..<end])
                    state = .unquoted
                    recordHasContent = true
                    i = end - 1
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    if byte == lf || (byte == cr && !(i + 1 < input.count && input[i + 1] == lf)) { line += 1 }
                    field.append(byte)
                }
            case .quoteInQuoted, .afterClosingQuote:
                if byte == quote && state == .quoteInQuoted {
                    field.append(quote)
                    state = .quoted
                } else if byte == 0x20 || byte == 0x09 {
                    // Spaces after the closing quote are tolerated and dropped.
                    state = .afterClosingQuote
                } else if byte == comma {
                    try endField()
                } else if byte == lf || byte == cr {
                    try endRecord(at: byte)
                } else {
                    throw DataTableError(
                        .strayQuote, file: fileName, line: line, column: fields.count + 1,
                        problem: "text follows the closing double quote of a quoted value",
                        fix: "put the whole value inside the quotes and write each quote inside it twice (\"\")")
                }
            }
            i += 1
        }
        switch state {
        case .quoted:
            throw DataTableError(
                .unterminatedQuote, file: fileName, line: fieldLine, column: fields.count + 1,
                problem: "a quoted value starts here but its closing double quote is missing",
                fix: "add the closing quote (\") at the end of the value, or write a quote inside it twice (\"\")")
        case .fieldStart:
            // A trailing comma on the last line still ends an (empty) field.
            if recordHasContent { try finishRecord() }
        case .unquoted, .quoteInQuoted, .afterClosingQuote:
            try finishRecord()
        }
        return records
    }
}
