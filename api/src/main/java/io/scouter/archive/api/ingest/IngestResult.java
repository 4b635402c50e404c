package io.scouter.archive.api.ingest;

/** What the ingestion route answers: how many records came in and how many were new. */
public record IngestResult(String status, int received, int inserted) {
  static IngestResult of(int received, int inserted) {
    return new IngestResult("success", received, inserted);
  }
}
