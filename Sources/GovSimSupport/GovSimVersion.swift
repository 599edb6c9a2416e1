/// The version of govsim, written into every manifest.
public enum GovSimVersion {
    public static let string = "0.1.0"
}
