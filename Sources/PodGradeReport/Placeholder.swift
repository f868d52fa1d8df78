public enum PodGradeReportPlaceholder {}
