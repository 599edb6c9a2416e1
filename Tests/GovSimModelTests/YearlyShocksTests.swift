import XCTest

@testable import GovSimModel

final class YearlyShocksTests: XCTestCase {
    /// Given the latent normals its stream gives, a run's shocks are bit for bit the stream's, for
    /// a single organisation and for each organisation of a portfolio; later years come from the
    /// stream, and other given normals change the given years only.
    func testGivenLatentNormalsReproduceTheStreamBitForBit() {
        let stream = RandomStream(seed: 99, run: 7)
        let names = ["north", "south"]
        let single = YearlyShocks(stream: stream)
        let given = YearlyShocks.latentNormals(stream: stream, years: 3, organisations: [])
        XCTAssertEqual(given.count, 3 * YearlyShocks.latentWidth(organisations: []))
        let replayed = single.givingNormals(given, width: 3, ownColumn: 3)
        for year in 1...5 {
            let a = single.normals(year: year), b = replayed.normals(year: year)
            XCTAssertEqual([a.0, a.1, a.2], [b.0, b.1, b.2], "year \(year)")
        }
        let width = YearlyShocks.latentWidth(organisations: names)
        XCTAssertEqual(width, 9)
        let latent = YearlyShocks.latentNormals(stream: stream, years: 2, organisations: names)
        for (o, name) in names.enumerated() {
            let drawn = YearlyShocks(stream: stream, organisation: name, correlation: 0.4)
            let replay = drawn.givingNormals(latent, width: width, ownColumn: 3 + 3 * o)
            for year in 1...4 {
                let a = drawn.normals(year: year), b = replay.normals(year: year)
                XCTAssertEqual([a.0, a.1, a.2], [b.0, b.1, b.2], "\(name), year \(year)")
            }
        }
        var other = given
        other[3] += 1  // year 2's productivity normal
        let moved = single.givingNormals(other, width: 3, ownColumn: 3)
        XCTAssertEqual(moved.normals(year: 2).0, single.normals(year: 2).0 + 1, accuracy: 1e-12)
        XCTAssertEqual(moved.normals(year: 1).0, single.normals(year: 1).0)
        XCTAssertEqual(moved.normals(year: 4).2, single.normals(year: 4).2)
    }
}
