/// The version of govsim, written into every manifest.
package enum GovSimVersion {
    package static let string = "0.1.0"
}
