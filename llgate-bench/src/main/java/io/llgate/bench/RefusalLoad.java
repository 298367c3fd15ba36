package io.llgate.bench;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.security.FailureLimit;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a forged payout apply costs the gateway, with and without the refusal throttle: one address posts the
 * same pay_load for a known merchant, sealed for the gateway but signed with another key, one request after
 * another, and the process's CPU time is read around the run. A run with an unknown {@code oid_partner} (answered
 * 3001, no RSA work at all) shows the cost of HTTP and parsing alone, the driver's included.
 *
 * <p>Usage: {@code RefusalLoad [requests]}, default 1000. H2 in memory unless {@code LLGATE_TEST_PG_URL} is set.
 */
public final class RefusalLoad {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RefusalLoad() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        RequestLimits production = RequestLimits.none().withRefusals(
                new FailureLimit(RequestLimits.REFUSED_PER_MERCHANT, RequestLimits.REFUSAL_PERIOD),
                new FailureLimit(RequestLimits.REFUSED_PER_SOURCE, RequestLimits.REFUSAL_PERIOD));
        System.out.printf("%d requests each, one after another, from one address%n", requests);
        System.out.printf("%-42s %10s %12s %12s  %s%n", "run", "requests", "CPU ms/req", "wall ms/req", "answers");
        run("warm-up (no limit, not counted)", RequestLimits.none(), false, Math.min(requests, 200), false);
        run("unknown oid_partner (3001, no RSA)", RequestLimits.none(), true, requests, true);
        run("forged pay_load, no limit", RequestLimits.none(), false, requests, true);
        run("forged pay_load, limit 60/merch. 30/source", production, false, requests, true);
    }

    private static void run(String name, RequestLimits limits, boolean unknownMerchant, int requests, boolean print)
            throws Exception {
        try (Gateway gateway = Gateway.start(TestGateways.settings(TestDatabases.fresh()).withRequestLimits(limits))) {
            TestMerchant victim = TestMerchant.register(gateway, 0);
            TestMerchant forger = TestMerchant.register(gateway, 0);
            LinkedHashMap<String, String> forged = MessageSignature.sign(forger.keys().getPrivate(), SignType.RSA,
                    victim.payout("6217000010000000002", "5.00", "https://merchant.example.com/notify"));
            LinkedHashMap<String, String> outer = new LinkedHashMap<>();
            outer.put("oid_partner", unknownMerchant ? "209900000000000001" : victim.oidPartner());
            outer.put("pay_load", PayLoad.seal(gateway.publicKey(), FlatJson.write(forged)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/paymentapi/payment.htm"))
                    .header("Content-Type", "application/json;charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(FlatJson.write(outer))).build();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Map<String, Integer> answers = new TreeMap<>();
            long cpuBefore = OS.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                answers.merge(retCode(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body()), 1, Integer::sum);
            }
            double cpuMs = (OS.getProcessCpuTime() - cpuBefore) / 1e6 / requests;
            double wallMs = (System.nanoTime() - wallBefore) / 1e6 / requests;
            if (print) {
                System.out.printf("%-42s %10d %12.2f %12.2f  %s%n", name, requests, cpuMs, wallMs, answers);
            }
        }
    }

    private static String retCode(byte[] body) throws IOException {
        try {
            return FlatJson.parse(body).getOrDefault("ret_code", "?");
        } catch (MalformedMessageException e) {
            throw new IOException("not JSON: " + new String(body), e);
        }
    }
}
