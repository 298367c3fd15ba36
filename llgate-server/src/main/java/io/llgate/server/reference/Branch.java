package io.llgate.server.reference;

/**
 * A bank branch as the large-value payment system knows it (spec 14 §3b).
 *
 * @param prcptcd     the branch's 12-digit large-value (CNAPS) bank number
 * @param bankCode    LianLian's 8-digit code of the branch's bank
 * @param cityCode    the 6-digit administrative code of the branch's city
 * @param brabankName the branch's full Chinese name
 */
public record Branch(String prcptcd, String bankCode, String cityCode, String brabankName) {
}
