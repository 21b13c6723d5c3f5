package io.memstone.gateway;

/** A request the decoder could not parse; the connection answers it and closes. */
record ProtocolError(String message) {}
