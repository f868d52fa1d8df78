public enum PodGradeGitPlaceholder {}
