import KlingCore
import Testing

@Suite("Issue limits")
struct IssueLimitTests {
    @Test func issuesAtOnePathAreListedUpToTheLimitAndCounted() {
        var issues = IssueList()
        for number in 0..<50_001 {
            issues.error(.unresolvedReference, at: "prompt", "refers to @Element\(number)")
        }
        issues.warning(.ignored, at: "aspectRatio", "ignored")
        let report = issues.report
        #expect(report.issues.count == IssueList.maximumIssuesPerPath + 1)
        #expect(report.omitted == OmittedIssues(errors: 50_001 - IssueList.maximumIssuesPerPath, warnings: 0))
        #expect(report.errorCount == 50_001)
        #expect(report.warningCount == 1)
        #expect(!report.isValid)
        #expect(report.issues.last?.path == "aspectRatio")
        #expect(report.description.hasSuffix("and 49991 more issues not listed (49991 errors)"))
    }

    @Test func issuesInAllAreListedUpToTheLimitAndCounted() {
        var issues = IssueList()
        for index in 0..<100_002 {
            issues.warning(.unknownValue, at: "images[\(index)]", "odd")
        }
        let report = issues.report
        #expect(report.issues.count == IssueList.maximumIssues)
        #expect(report.omitted == OmittedIssues(errors: 0, warnings: 100_002 - IssueList.maximumIssues))
        #expect(report.isValid)
    }

    @Test func anOmittedErrorStillMakesTheRequestInvalid() {
        var issues = IssueList()
        for index in 0..<IssueList.maximumIssues { issues.warning(.ignored, at: "p\(index)", "ignored") }
        issues.error(.required, at: "prompt", "required")
        #expect(issues.report.errors.isEmpty)
        #expect(!issues.report.isValid)
        #expect(!issues.isEmpty)
    }

    @Test func aReportWithoutOmissionsEncodesAsBefore() throws {
        let report = ValidationReport(issues: [ValidationIssue(severity: .error, path: "a", code: .required, message: "m")])
        #expect(report.omitted.total == 0)
        #expect(report.omittedSummary == nil)
        #expect(report.description == "error: a: m [required]")
    }
}
