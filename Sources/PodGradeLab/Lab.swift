public enum PodGradeLabPlaceholder {}
