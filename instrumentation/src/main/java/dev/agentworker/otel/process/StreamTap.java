package dev.agentworker.otel.process;

/** Sees the bytes a worker reads from a child's stdout. Implementations must not throw. */
interface StreamTap {

  void onBytes(byte[] bytes, int offset, int count);

  /** Bytes were skipped by the reader and will not be seen. */
  void onGap();

  /** End of stream was read, or the reader closed the stream. */
  void onEnd();
}
