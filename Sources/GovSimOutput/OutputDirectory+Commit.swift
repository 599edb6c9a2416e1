import Foundation

extension TemporaryFolderRegistry {
    /// Held while an output folder replaces the previous one (move the old folder aside, move
    /// the new one into place, remove the old one). ``removeAll()``, called by the interrupt
    /// handler, takes it first, so an interrupt can never fall between the two moves and leave
    /// neither the old folder nor the new one in place.
    static let commitLock = NSLock()

    /// Runs `body` holding ``commitLock``.
    func committing<T>(_ body: () throws -> T) rethrows -> T {
        TemporaryFolderRegistry.commitLock.lock()
        defer { TemporaryFolderRegistry.commitLock.unlock() }
        return try body()
    }

    /// For the interrupt tests only: when the environment variable
    /// `GOVSIM_TEST_PAUSE_BEFORE_COMMIT_MS` is set, sleeps that many milliseconds (at most 60 s)
    /// after every file is in the temporary folder and before it is moved into place, so a test
    /// can interrupt the write phase deterministically.
    static func pauseBeforeCommitIfTesting() {
        guard let text = ProcessInfo.processInfo.environment["GOVSIM_TEST_PAUSE_BEFORE_COMMIT_MS"],
            let ms = UInt32(text), ms > 0
        else { return }
        // A signal can cut usleep short (EINTR); sleep until the whole pause has passed.
        let deadline = Date().addingTimeInterval(Double(min(ms, 60_000)) / 1000)
        while Date() < deadline { usleep(10_000) }
    }
}
