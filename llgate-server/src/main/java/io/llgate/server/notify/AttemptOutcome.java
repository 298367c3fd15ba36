package io.llgate.server.notify;

/** How one delivery attempt ended. */
public enum AttemptOutcome {
    /** HTTP 2xx with a JSON body whose ret_code is 0000. */
    ACKNOWLEDGED,
    /** HTTP 2xx, but the body is not a JSON acknowledgement with ret_code 0000. */
    WRONG_BODY,
    /** An HTTP status other than 2xx (redirects included: they are not followed). */
    HTTP_ERROR,
    /** No complete answer within the timeout. */
    TIMEOUT,
    /** The connection could not be made or broke. */
    CONNECTION_ERROR
}
