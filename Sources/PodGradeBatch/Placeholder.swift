public enum PodGradeBatchPlaceholder {}
