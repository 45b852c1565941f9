// Exports: streamed CSV and JSON Lines of tables, views, named queries and searches.
export { writeRows, EXPORT_FORMATS, type ExportFormat, type ExportSummary, type WriteOptions } from './write.ts';
export { resolveExportSource, listExportables, labelledTableSql, type ExportSource } from './sources.ts';
