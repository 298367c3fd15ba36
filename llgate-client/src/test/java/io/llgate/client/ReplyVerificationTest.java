package io.llgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An answer the client returns is one the gateway signed; everything else is a typed exception. */
class ReplyVerificationTest {
    static Gateway gateway;
    static TestMerchant merchant;
    static TamperingProxy proxy;

    @BeforeAll
    static void start() throws IOException {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 100_000);
        proxy = new TamperingProxy(gateway.baseUri());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        gateway.close();
    }

    @Test
    void aChangedAmountDoesNotVerify() {
        proxy.rewrite(answer -> answer.replace("\"amt_balance\":\"1000.00\"", "\"amt_balance\":\"9000.00\""));
        try (LlGateClient client = clientVia(proxy.url())) {
            assertThatThrownBy(client::balance)
                    .isInstanceOfSatisfying(LlGateSignatureException.class, e -> {
                        assertThat(e.replyText()).contains("9000.00");
                        assertThat(e.outcomeUnknown()).isTrue();
                    });
        } finally {
            proxy.rewrite(answer -> answer);
        }
    }

    @Test
    void anUnsignedSuccessIsNotBelieved() {
        proxy.rewrite(answer -> answer.replaceAll(",?\"sign\":\"[^\"]*\"", ""));
        try (LlGateClient client = clientVia(proxy.url())) {
            assertThatThrownBy(client::balance).isInstanceOf(LlGateSignatureException.class)
                    .hasMessageContaining("without a signature");
        } finally {
            proxy.rewrite(answer -> answer);
        }
    }

    @Test
    void theWrongGatewayKeyIsCaughtOnTheFirstAnswer() {
        try (LlGateClient client = LlGateClient.builder().baseUri(gateway.baseUri()).oidPartner(merchant.oidPartner())
                .merchantPrivateKey(merchant.keys().getPrivate())
                .gatewayPublicKey(RsaKeys.pem(merchant.keys().getPublic())).build()) {
            assertThatThrownBy(client::balance).isInstanceOf(LlGateSignatureException.class)
                    .hasMessageContaining("right key");
        }
    }

    @Test
    void anUnknownMerchantGetsAnUnsignedRefusal() {
        try (LlGateClient client = LlGateClient.builder().baseUri(gateway.baseUri()).oidPartner("201999999999999999")
                .merchantPrivateKey(merchant.keys().getPrivate()).gatewayPublicKey(gateway.publicKey()).build()) {
            assertThatThrownBy(client::balance).isInstanceOfSatisfying(LlGateReturnCodeException.class, e -> {
                assertThat(e.retCode()).isEqualTo("3001");
                assertThat(e.retMsg()).isEqualTo("非法商户");
                assertThat(e.signed()).isFalse();
            });
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAProtocolError() {
        proxy.rewrite(answer -> "<html>502 Bad Gateway</html>");
        try (LlGateClient client = clientVia(proxy.url())) {
            assertThatThrownBy(client::balance).isExactlyInstanceOf(LlGateProtocolException.class)
                    .hasMessageContaining("not a JSON object");
        } finally {
            proxy.rewrite(answer -> answer);
        }
    }

    @Test
    void aWrongBaseUrlIsAnHttpStatus() {
        try (LlGateClient client = clientVia(gateway.baseUri() + "/nowhere")) {
            assertThatThrownBy(client::balance).isInstanceOfSatisfying(LlGateTransportException.class,
                    e -> assertThat(e.httpStatus()).hasValue(404));
        }
    }

    @Test
    void noGatewayMeansTheRequestNeverArrived() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (LlGateClient client = clientVia("http://127.0.0.1:" + port)) {
            assertThatThrownBy(client::balance).isInstanceOfSatisfying(LlGateTransportException.class, e -> {
                assertThat(e.outcomeUnknown()).isFalse();
                assertThat(e.httpStatus()).isEmpty();
            });
        }
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeMayHaveActed() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        silent.createContext("/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.start();
        try (LlGateClient client = LlGateClient.builder().baseUri("http://127.0.0.1:" + silent.getAddress().getPort())
                .oidPartner(merchant.oidPartner()).merchantPrivateKey(merchant.keys().getPrivate())
                .gatewayPublicKey(gateway.publicKey()).requestTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(client::balance).isInstanceOfSatisfying(LlGateTransportException.class,
                    e -> assertThat(e.outcomeUnknown()).isTrue());
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void theRawCallAnswersAnyVerifiedCode() {
        try (LlGateClient client = clientVia(gateway.baseUri().toString())) {
            VerifiedMessage reply = client.call("/traderAcctQuery.htm", Envelope.PLAIN, Map.of("api_version", "9.9"));

            assertThat(reply.field("ret_code")).contains("1004");
            assertThat(reply.field("ret_msg")).contains("商户请求参数校验错误（api_version）");
            assertThat(reply.text()).startsWith("{\"ret_code\":\"1004\"");
        }
    }

    private static LlGateClient clientVia(String baseUri) {
        return LlGateClient.builder().baseUri(baseUri).oidPartner(merchant.oidPartner())
                .merchantPrivateKey(merchant.keys().getPrivate()).gatewayPublicKey(gateway.publicKey()).build();
    }
}
