import Foundation
import GenesysCloud

/// `availability` sugar → Architect schedules and one schedule group (DESIGN.md "Tenant file";
/// models in reference §4.4).
///
/// Each open window becomes a weekly recurring schedule `<name>-open-<n>`; each closed date becomes
/// an all-day schedule `<name>-holiday-<date>-<slug>` listed in the group's `holidaySchedules` (the
/// date makes Christmas of two years two names; validation refuses two closed days of one date whose
/// names slug alike). Older versions named them `<name>-holiday-<slug>`: `legacyName`. Times are the
/// time zone's local wall-clock times: schedules carry `LocalDateTime` without a zone and the group
/// carries `timeZone` (reference §3.3 "Schedule times").
enum AvailabilityMapping {
    struct DesiredSchedule: Sendable {
        var name: String
        var fields: JSONValue
        /// For a holiday: the name messengerctl gave it before names carried the date.
        var legacyName: String?
    }

    struct DesiredGroup: Sendable {
        var name: String
        var fields: JSONValue
        var open: [String]
        var holiday: [String]
    }

    static func schedules(for availability: DesiredAvailability) -> [DesiredSchedule] {
        var result: [DesiredSchedule] = []
        for (index, window) in availability.open.enumerated() {
            let name = "\(availability.name)-open-\(index + 1)"
            let anchor = anchorDate(for: window.days)
            let byDay = window.days.map(\.rawValue).joined(separator: ",")
            result.append(
                DesiredSchedule(
                    name: name,
                    fields: [
                        "name": .string(name),
                        "start": .string("\(anchor)T\(window.from):00.000"),
                        "end": .string("\(anchor)T\(window.to):00.000"),
                        "rrule": .string("FREQ=WEEKLY;BYDAY=\(byDay)"),
                    ]))
        }
        for closed in availability.closed {
            let name = holidayName(closed, availability: availability.name)
            let next = nextDay(closed.date)
            result.append(
                DesiredSchedule(
                    name: name,
                    // The schedule's name is a slug (names are identities); the description keeps
                    // the name as written, so `export` gives it back ("New Year's Day").
                    fields: [
                        "name": .string(name),
                        "description": .string(closed.name),
                        "start": .string("\(closed.date)T00:00:00.000"),
                        "end": .string("\(next)T00:00:00.000"),
                    ],
                    legacyName: "\(availability.name)-holiday-\(slug(closed.name))"))
        }
        return result
    }

    static func group(for availability: DesiredAvailability) -> DesiredGroup {
        let schedules = schedules(for: availability)
        let open = schedules.prefix(availability.open.count).map(\.name)
        let holiday = schedules.dropFirst(availability.open.count).map(\.name)
        return DesiredGroup(
            name: availability.name,
            fields: ["name": .string(availability.name), "timeZone": .string(availability.timeZone)],
            open: Array(open), holiday: Array(holiday))
    }

    /// `<availability>-holiday-<YYYY-MM-DD>-<slug>`: unique for different dates by construction.
    static func holidayName(_ closed: ClosedDay, availability: String) -> String {
        "\(availability)-holiday-\(closed.date)-\(slug(closed.name))"
    }

    /// Whether a live schedule name is one this availability entry would own (for `prune`).
    static func owns(_ scheduleName: String, availability: DesiredAvailability) -> Bool {
        scheduleName.hasPrefix("\(availability.name)-open-") || scheduleName.hasPrefix("\(availability.name)-holiday-")
    }

    /// A fixed date whose weekday is the window's first day, so `start` conforms to the rrule (the
    /// check Genesys' Terraform provider makes, reference §3.3) and plans are stable run to run.
    /// 2024-01-01 was a Monday.
    static func anchorDate(for days: [Weekday]) -> LocalDate {
        let offset = days.first.flatMap { Weekday.allCases.firstIndex(of: $0) } ?? 0
        return LocalDate(year: 2024, month: 1, day: 1 + offset)
    }

    static func nextDay(_ date: LocalDate) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        guard let day = calendar.date(from: components),
            let next = calendar.date(byAdding: .day, value: 1, to: day)
        else { return date }
        let c = calendar.dateComponents([.year, .month, .day], from: next)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    static func slug(_ text: String) -> String {
        let lowered = text.lowercased()
        var out = ""
        var lastDash = false
        for ch in lowered {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastDash = false
            } else if !lastDash && !out.isEmpty {
                out.append("-")
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "day" : out
    }
}
