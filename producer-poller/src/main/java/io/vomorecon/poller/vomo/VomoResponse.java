package io.vomorecon.poller.vomo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One answer from VOMO that is not a failure to retry: its status, its JSON body (missing if none) and the path asked. */
public record VomoResponse(int status, JsonNode body, String path) {

    public VomoResponse {
        body = body == null ? MissingNode.getInstance() : body;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A detail answer's record: the body itself, or its {@code data} object when VOMO wraps it. */
    public JsonNode record() {
        JsonNode data = body.get("data");
        if (data != null && data.isObject() && !body.has("id")) {
            return data;
        }
        return body;
    }
}
