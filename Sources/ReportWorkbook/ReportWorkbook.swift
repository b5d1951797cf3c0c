import ReportModel

/// Report ⇄ workbook in the official layout: the template and filled workbooks written
/// with libxlsxwriter, and the importer that reads filled workbooks back.
public enum ReportWorkbook {}
