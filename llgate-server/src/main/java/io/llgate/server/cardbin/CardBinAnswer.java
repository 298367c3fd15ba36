package io.llgate.server.cardbin;

import io.llgate.server.reference.CardBin;
import io.llgate.server.reference.Limits;
import java.util.Optional;

/**
 * What the card BIN query tells about one card: the BIN it matched and, when asked for and known, the limits of
 * the product named. Only the card number's last four digits are kept: they are all the reply shows.
 */
public record CardBinAnswer(String cardNoLastFour, CardBin bin, Optional<Limits> limits) {
}
