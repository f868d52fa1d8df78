public enum PodGradeCorePlaceholder {}
