import CareDomain

/// The survey's fields, asked after a contact: in the contact dialog and
/// on its own (`s` on a moment of the timeline).
enum SurveyForm {
    static var score: String { tr("how it went") }
    static var met: String { tr("expectations met") }
    static var comment: String { tr("comment") }
    static var source: String { tr("answered by") }
    static var scores: [String] { [tr("not asked"), tr("1 very unhappy"), "2", "3", "4", tr("5 very happy")] }
    static var answers: [String] { [tr("not asked"), tr("yes"), "no"] }
    static var sources: [String] { [tr("the customer (they confirm)"), tr("my own judgement")] }

    static func fields(asking: Bool) -> [Form.Field] {
        [
            Form.choice(score, asking ? Array(scores.dropFirst()) : scores, asking ? 3 : 0),
            Form.choice(met, answers), Form.text(comment), Form.choice(source, sources),
        ]
    }

    /// The answer in the form; nil when the score was not asked.
    static func answer(in form: Form, asking: Bool) -> SurveyAnswer? {
        let index = form.choice(score) + (asking ? 1 : 0)
        guard index > 0 else { return nil }
        let comment = form.text(Self.comment).trimmingCharacters(in: .whitespaces)
        return SurveyAnswer(
            score: index, expectationsMet: form.answer(Self.met), comment: comment.isEmpty ? nil : comment,
            answeredBy: form.choice(source) == 0 ? .customer : .agent)
    }
}
