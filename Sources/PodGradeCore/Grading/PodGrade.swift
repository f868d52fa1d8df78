public enum PodGrade {
    public static let version = "0.1.0"
}
