import PodGradeCore

/// The class report's own words, in every language.
extension ClassReport {
    enum Words {
        static let learners = LocalizedText(ru: "Учащихся", en: "Learners")
        static let graded = LocalizedText(ru: "проверено", en: "graded")
        static let passedAll = LocalizedText(ru: "зачтено", en: "passed")
        static let errors = LocalizedText(ru: "ошибок проверки", en: "grading errors")
        static let mean = LocalizedText(ru: "средний балл", en: "mean score")
        static let median = LocalizedText(ru: "медиана", en: "median")
        static let distribution = LocalizedText(ru: "Распределение итоговых баллов", en: "Distribution of total scores")
        static let passRate = LocalizedText(ru: "Зачёт по заданиям", en: "Pass rate per exercise")
        static let passed = LocalizedText(ru: "зачтено", en: "passed")
        static let failed = LocalizedText(ru: "не зачтено", en: "failed")
        static let missing = LocalizedText(ru: "не сдано", en: "not submitted")
        static let ruleRate = LocalizedText(ru: "Что класс упустил", en: "What the class missed")
        static let nothingMissed = LocalizedText(ru: "Никто не потерял баллов.", en: "No learner lost points.")
        static let noDeadline = LocalizedText(ru: "Срок не задан: проверен последний коммит.", en: "No deadline: the newest commit was graded.")
        static let deadline = LocalizedText(ru: "Срок", en: "Deadline")
        static let lateUntil = LocalizedText(ru: "с опозданием принимается до", en: "late work accepted until")
        static let penalty = LocalizedText(ru: "штраф", en: "penalty")
        static let noPenalty = LocalizedText(ru: "без штрафа", en: "no penalty")
        static let noLateWindow = LocalizedText(ru: "проверен последний коммит не позже срока", en: "the newest commit at or before it was graded")
        static let histogramAxes = LocalizedText(ru: "Столбец — число учащихся с итогом в полосе 10%.", en: "A bar is the number of learners whose total falls in a 10% band.")
        static let below30 = LocalizedText(ru: "ниже 30%", en: "below 30%")
        static let sortHint = LocalizedText(ru: "Нажмите на заголовок столбца (▲▼), чтобы отсортировать; имя учащегося открывает его раздел.", en: "Click a column header (▲▼) to sort; a learner's name opens their section.")
        static let late = LocalizedText(ru: "Опоздание", en: "Late")
        static let final = LocalizedText(ru: "Итог", en: "Final")
        static let perLearner = LocalizedText(ru: "По учащимся", en: "Per learner")
        static let commit = LocalizedText(ru: "коммит", en: "commit")
        static let explanations = LocalizedText(ru: "Пояснения к правилам", en: "The rules explained")
        static let section = LocalizedText(ru: "Раздел лекции", en: "Lecture section")
        static let learnersTable = LocalizedText(ru: "Учащиеся", en: "Learners")
        static let student = LocalizedText(ru: "Учащийся", en: "Student")
        static let repo = LocalizedText(ru: "Репозиторий", en: "Repository")
    }
}
