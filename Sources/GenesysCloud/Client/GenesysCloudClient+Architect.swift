extension GenesysCloudClient {
    static let schedulesPath = "/api/v2/architect/schedules"
    static let scheduleGroupsPath = "/api/v2/architect/schedulegroups"

    // MARK: Schedules (reference §3.3)

    /// Every schedule (all pages by `pageNumber`).
    public func listSchedules() async throws(GenesysError) -> [Schedule] {
        try await numberedPages(Self.schedulesPath).map(Schedule.init(fields:))
    }

    /// One schedule, with the `version` a replace must carry.
    public func schedule(id: String) async throws(GenesysError) -> Schedule {
        try await getObject(Self.schedulesPath + "/" + Self.segment(id))
    }

    /// Creates a schedule. Never creates two: see `createOnce`.
    public func createSchedule(_ body: Schedule) async throws(GenesysError) -> Schedule {
        let writable = body.writableFields
        return try await createOnce(path: Self.schedulesPath, body: writable, name: body.name) { () async throws(GenesysError) in
            try await self.listSchedules()
        }
    }

    /// Replaces a schedule. Carry the `version` it was read with: a stale one gets 409 `general.conflict`
    /// (reference §5.4), which is never retried here.
    public func replaceSchedule(id: String, with body: Schedule) async throws(GenesysError) -> Schedule {
        let writable = body.writableFields
        return try await sendObject(.PUT, Self.schedulesPath + "/" + Self.segment(id), body: writable)
    }

    /// Deletes a schedule; 409 while a schedule group uses it (reference §3.3).
    public func deleteSchedule(id: String) async throws(GenesysError) {
        try await send(.DELETE, Self.schedulesPath + "/" + Self.segment(id))
    }

    // MARK: Schedule groups (reference §3.3)

    /// Every schedule group (all pages by `pageNumber`).
    public func listScheduleGroups() async throws(GenesysError) -> [ScheduleGroup] {
        try await numberedPages(Self.scheduleGroupsPath).map(ScheduleGroup.init(fields:))
    }

    /// One schedule group, with the `version` a replace must carry.
    public func scheduleGroup(id: String) async throws(GenesysError) -> ScheduleGroup {
        try await getObject(Self.scheduleGroupsPath + "/" + Self.segment(id))
    }

    /// Creates a schedule group. Never creates two: see `createOnce`.
    public func createScheduleGroup(_ body: ScheduleGroup) async throws(GenesysError) -> ScheduleGroup {
        let writable = body.writableFields
        return try await createOnce(path: Self.scheduleGroupsPath, body: writable, name: body.name) { () async throws(GenesysError) in
            try await self.listScheduleGroups()
        }
    }

    /// Replaces a schedule group, carrying its `version` (409 when stale, reference §5.4).
    public func replaceScheduleGroup(id: String, with body: ScheduleGroup) async throws(GenesysError) -> ScheduleGroup {
        let writable = body.writableFields
        return try await sendObject(.PUT, Self.scheduleGroupsPath + "/" + Self.segment(id), body: writable)
    }

    /// Deletes a schedule group; 409 while an IVR or site uses it (reference §3.3).
    public func deleteScheduleGroup(id: String) async throws(GenesysError) {
        try await send(.DELETE, Self.scheduleGroupsPath + "/" + Self.segment(id))
    }
}
