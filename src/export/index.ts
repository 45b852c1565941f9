// Exports: streamed CSV and JSON Lines of tables, views, named queries and searches.
export { writeRows, EXPORT_FORMATS, CSV_MODES, type CsvMode, type ExportFormat, type ExportSummary, type WriteOptions } from './write.ts';
export { resolveExportSource, listExportables, labelledTableSql, type ExportSource, type KeyRanges } from './sources.ts';
export { exportRows, defaultExportThreads, type ExportRun, type ExportRunOptions } from './run.ts';
