import ReportModel

/// Report ⇄ text: the official plain-text layout and Markdown, and the parser that reads
/// published reports back.
public enum ReportText {}
