package io.llgate.server.http;

/** What an endpoint answering a file does with a verified request: the file, or an {@link Refusal}. */
@FunctionalInterface
public interface FileAction {
    FileReply handle(ApiRequest request);
}
