package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.llgate.protocol.RetCode;
import io.llgate.server.GatewayMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTML pages: jte templates compiled at build time ({@code src/main/jte}), each taking one
 * model record. Every page is self-contained (no external assets, so it works offline), never cached
 * (its address may be single-use), and a refusal becomes the error page, never a stack trace.
 */
public final class Pages {
    private static final Logger log = LoggerFactory.getLogger(Pages.class);
    /**
     * Inline styles and scripts only; scripts may fetch the gateway's own pages (the console's live updates); forms
     * may post to the gateway and to merchants' return addresses.
     */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
            + "img-src data:; connect-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final GatewayMode mode;

    public Pages(GatewayMode mode) {
        this.mode = mode;
    }

    /** Renders {@code template} (a path under src/main/jte) with its model, as UTF-8. */
    public void render(Context ctx, int status, String template, Object model) {
        render(ctx, status, template, model, StandardCharsets.UTF_8);
    }

    /** Renders in another charset, as a merchant site in GBK serves its pages; the template declares the same. */
    public void render(Context ctx, int status, String template, Object model, Charset charset) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        ctx.status(status)
                .contentType("text/html;charset=" + charset.name())
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", POLICY)
                .header("Referrer-Policy", "same-origin")
                .result(encode(out.toString(), charset));
    }

    /** A page handler whose refusals render the error page and whose failures render 9999. */
    public Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Refusal e) {
                log.info("{} {} refused: {} {}", ctx.method(), ctx.path(), e.code().code(), e.retMsg());
                error(ctx, e);
            } catch (RuntimeException e) {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, Refusal.of(RetCode.SYSTEM_ERROR));
            }
        };
    }

    /** The error page: return code, message, the field at fault and, in sandbox mode, the sign source for a 1001. */
    public void error(Context ctx, Refusal e) {
        String signSource = mode.isSandbox() ? e.details().get(MerchantChecks.SIGN_SOURCE_HINT) : null;
        int status = switch (e.code()) {
            case NO_RECORD -> 404;
            case SYSTEM_ERROR -> 500;
            default -> 400;
        };
        render(ctx, status, "error.jte",
                new ErrorPage(e.code().code(), e.retMsg(), e.field().orElse(null), signSource));
    }

    private static byte[] encode(String text, Charset charset) {
        try {
            ByteBuffer bytes = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw Refusal.of(RetCode.PARAM_ERROR, "charset_name");
        }
    }
}
