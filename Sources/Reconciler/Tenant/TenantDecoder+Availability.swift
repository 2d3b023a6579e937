import Foundation

/// `availability:` entries: a time zone, weekly open windows and closed dates.
extension TenantDecoder {
    mutating func decodeAvailability(_ node: SourceNode) -> [DesiredAvailability] {
        guard let items = list(node, "`availability`") else { return [] }
        var result: [DesiredAvailability] = []
        var seen: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            guard let entries = mapping(item, "an availability entry") else { continue }
            checkKeys(entries, known: TenantSchema.availabilityKeys, context: "an availability entry")
            let name = requiredString(item, "name", in: "this availability entry", at: item.location)
            if let name, let at = item["name"]?.location {
                if let first = seen[name] {
                    error(at, "duplicate availability name `\(name)`; it is already used at line \(first.line), column \(first.column)")
                } else {
                    seen[name] = at
                }
            }
            let path = FieldPath.availability(name ?? String(index))
            record(path, item)
            let timeZone = requiredString(item, "timeZone", in: "this availability entry", at: item.location)
            record(path.appending("timeZone"), item["timeZone"])
            var zoneValid = true
            if let timeZone, TimeZone(identifier: timeZone) == nil, let at = item["timeZone"]?.location {
                zoneValid = false
                let suggestion = KeySuggestion.nearest(to: timeZone, in: TimeZone.knownTimeZoneIdentifiers)
                error(at, "time zone `\(timeZone)` is not in the system time zone database",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "use an IANA name such as Europe/Dublin")
            }
            let open = item["open"].map { decodeOpenWindows($0, path: path.appending("open")) } ?? []
            let closed = item["closed"].map { decodeClosedDays($0, path: path.appending("closed")) } ?? []
            // Schedule names carry the date, so one name in two years is two schedules; two closed days of
            // one date whose names slug alike would still be one name, and the API keeps names apart
            // nowhere (reference §5.4).
            var derived: [String: ClosedDay] = [:]
            for day in closed {
                let scheduleName = AvailabilityMapping.holidayName(day, availability: name ?? "")
                if let first = derived[scheduleName] {
                    error(day.location, "closed day `\(day.name)` on \(day.date) would be the same schedule as `\(first.name)` at line \(first.location.line) (both are named `\(scheduleName)`)",
                        hint: "keep one closed day for that date, or name them so they differ in letters or digits")
                } else {
                    derived[scheduleName] = day
                }
            }
            if let name, let timeZone, zoneValid {
                result.append(DesiredAvailability(name: name, timeZone: timeZone, open: open, closed: closed, location: item.location))
            }
        }
        return result
    }

    mutating func decodeOpenWindows(_ node: SourceNode, path: FieldPath) -> [OpenWindow] {
        guard let items = list(node, "`open`") else { return [] }
        var windows: [OpenWindow] = []
        for (i, item) in items.enumerated() {
            guard let entries = mapping(item, "an open window") else { continue }
            checkKeys(entries, known: TenantSchema.openWindowKeys, context: "an open window")
            record(path.appending(index: i), item)
            var days: [Weekday] = []
            if let daysNode = item["days"] {
                let dayNodes = list(daysNode, "`days`") ?? []
                if dayNodes.isEmpty, daysNode.sequence != nil {
                    // An empty BYDAY cannot be written as an RRULE (RFC 5545 §3.3.10): the API refuses it.
                    error(daysNode.location, "`days` is empty; an open window needs at least one day", hint: "for example days: [MO, TU, WE, TH, FR]")
                }
                for day in dayNodes {
                    guard let text = string(day, key: "days") else { continue }
                    if let weekday = Weekday(rawValue: text), days.contains(weekday) {
                        error(day.location, "`\(text)` is listed twice in `days`", hint: "list each day once")
                    } else if let weekday = Weekday(rawValue: text) { days.append(weekday) } else {
                        error(day.location, "`\(text)` is not a day; days are MO, TU, WE, TH, FR, SA, SU")
                    }
                }
            } else {
                error(item.location, "this open window has no `days`; it is required")
            }
            let from = item["from"].flatMap { time($0, key: "from") }
            let to = item["to"].flatMap { time($0, key: "to") }
            if item["from"] == nil { error(item.location, "this open window has no `from`; it is required") }
            if item["to"] == nil { error(item.location, "this open window has no `to`; it is required") }
            guard let from, let to else { continue }
            if to <= from {
                error(item["to"]!.location, "window ends at \(to), not after it starts at \(from)",
                    hint: "windows are within one day; split an overnight window at 23:59")
                continue
            }
            windows.append(OpenWindow(days: days, from: from, to: to, location: item.location))
        }
        // Two windows overlapping on the same day would make the schedule ambiguous.
        for (i, later) in windows.enumerated() {
            for earlier in windows[..<i] {
                let shared = later.days.filter { earlier.days.contains($0) }
                if let day = shared.first, later.from < earlier.to && earlier.from < later.to {
                    error(later.location, "window \(later.from)–\(later.to) overlaps the window \(earlier.from)–\(earlier.to) at line \(earlier.location.line) on \(day.rawValue)",
                        hint: "merge the two windows or remove \(day.rawValue) from one of them")
                    break
                }
            }
        }
        return windows
    }

    /// `HH:MM`, 00:00–23:59. Quoting is optional: a plain `09:00` stays text here (YAML 1.1 would
    /// read it as the sexagesimal number 540).
    mutating func time(_ node: SourceNode, key: String) -> LocalTime? {
        guard let text = string(node, key: key) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        {
            return LocalTime(hour: h, minute: m)
        }
        error(node.location, "`\(key)` must be a time written HH:MM (00:00–23:59), found `\(text)`")
        return nil
    }

    mutating func decodeClosedDays(_ node: SourceNode, path: FieldPath) -> [ClosedDay] {
        guard let items = list(node, "`closed`") else { return [] }
        var days: [ClosedDay] = []
        for (i, item) in items.enumerated() {
            guard let entries = mapping(item, "a closed day") else { continue }
            checkKeys(entries, known: TenantSchema.closedDayKeys, context: "a closed day")
            record(path.appending(index: i), item)
            let name = requiredString(item, "name", in: "this closed day", at: item.location)
            guard let dateNode = item["date"] else {
                error(item.location, "this closed day has no `date`; it is required")
                continue
            }
            guard let text = string(dateNode, key: "date") else { continue }
            guard let date = Self.date(text) else {
                error(dateNode.location, "`\(text)` is not a calendar date written YYYY-MM-DD")
                continue
            }
            if let name { days.append(ClosedDay(name: name, date: date, location: item.location)) }
        }
        return days
    }

    static func date(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
