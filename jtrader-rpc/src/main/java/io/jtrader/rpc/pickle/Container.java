package io.jtrader.rpc.pickle;

/**
 * A mutable container while a frame is being decoded. Once it is nested in another value it is sealed:
 * a frame that then tries to add to it (how recursive structures are pickled) is refused, so decoded values
 * never contain cycles. Its depth (1 + deepest item) is kept current for the nesting limit.
 */
interface Container {
    int depth();

    void seal();
}
