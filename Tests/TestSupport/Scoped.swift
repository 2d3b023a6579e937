import GenesysEmulator

/// Runs `body` with a value and then awaits its teardown, also when `body` throws, so a test never ends
/// before the emulator it started has stopped (a `defer { Task { … } }` only schedules the teardown,
/// and leaves ports, threads and files behind while other tests run in parallel).
package func withTeardown<Value, R>(
    _ value: Value, teardown: (Value) async -> Void, _ body: (Value) async throws -> R
) async throws -> R {
    let result: R
    do {
        result = try await body(value)
    } catch {
        await teardown(value)
        throw error
    }
    await teardown(value)
    return result
}

/// Starts an in-process emulator with `seed` (on 127.0.0.1, a free port), runs `body`, and stops it.
package func withEmulator<R>(
    seed: EmulatorSeed, options: EmulatorOptions, _ body: (GenesysEmulator) async throws -> R
) async throws -> R {
    let emulator = try GenesysEmulator(seed: seed, options: options)
    _ = try await emulator.start()
    return try await withTeardown(emulator, teardown: { await $0.stop() }, body)
}
