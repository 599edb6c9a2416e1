import GovSimTestSupport
import XCTest

@testable import GovSimEngine
@testable import GovSimOutput

/// Thread independence of the studies streamed through the ordered block pipeline.
extension SensitivityStudyTests {
    private func scenario(runs: Int, horizon: Int) throws -> Scenario {
        try TestSupport.load(TestSupport.header + "runs: \(runs)\nhorizon: \(horizon)\n")
    }

    func testRegressionSamplesAreIdenticalForAnyThreadCount() throws {
        let plan = PlanSimulator(scenario: try scenario(runs: 2100, horizon: 4))  // three blocks, the last partial
        let one = SensitivityStudy.regressionSamples(plan, runs: 2100, threads: 1)
        XCTAssertEqual(one.inputs.runs, 2100)
        XCTAssertEqual(one.inputs.columns, plan.inputCount)
        for threads in [2, 3, 8] {
            let other = SensitivityStudy.regressionSamples(plan, runs: 2100, threads: threads)
            XCTAssertEqual(other.inputs.values, one.inputs.values, "threads \(threads)")
            XCTAssertEqual(other.outputs.values, one.outputs.values, "threads \(threads)")
        }
        // Run k's row is run k of the engine (same streams), wherever its block was simulated.
        let records = SimulationEngine(scenario: plan.scenario, threads: 2).run().records
        XCTAssertEqual(Array(one.inputs.values[(2099 * plan.inputCount)...]), records[2099].inputs)
    }

    func testSaltelliOutputsAreIdenticalForAnyThreadCount() throws {
        let plan = PlanSimulator(scenario: try scenario(runs: 100, horizon: 4))
        let design = SaltelliDesign(dimensions: plan.inputCount, baseSamples: 128, base: .sobol(seed: 9))
        XCTAssertGreaterThan(design.runCount, 2 * ParallelBlocks.blockSize)
        let one = SensitivityStudy.saltelliOutputs(plan, design: design, threads: 1)
        for threads in [2, 3, 8] {
            XCTAssertEqual(
                SensitivityStudy.saltelliOutputs(plan, design: design, threads: threads).values, one.values, "threads \(threads)")
        }
    }

    func testStudiesAreIdenticalForOneAndManyThreads() throws {
        let s = try scenario(runs: 1100, horizon: 1)
        XCTAssertEqual(
            SensitivityTable.make(try SensitivityStudy.src(s, threads: 1)).render(),
            SensitivityTable.make(try SensitivityStudy.src(s, threads: 8)).render())
        XCTAssertEqual(
            SensitivityTable.make(try SensitivityStudy.sobol(s, baseSamples: 64, bootstrap: 20, threads: 1)).render(),
            SensitivityTable.make(try SensitivityStudy.sobol(s, baseSamples: 64, bootstrap: 20, threads: 8)).render())
    }
}
