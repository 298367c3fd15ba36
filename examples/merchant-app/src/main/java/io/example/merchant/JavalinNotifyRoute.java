package io.example.merchant;

import io.javalin.config.RoutesConfig;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.client.notify.NotificationResponse;

/** The same notify_url for a shop whose app runs on Javalin: one route, and the SDK's handler does the rest. */
public final class JavalinNotifyRoute {
    private JavalinNotifyRoute() {
    }

    /** Adds {@code POST /llgate/notify}: the raw body to the handler, its answer back exactly. */
    public static void addTo(RoutesConfig routes, NotificationHandler handler) {
        routes.post("/llgate/notify", ctx -> {
            NotificationResponse response = handler.handle(ctx.bodyAsBytes());
            ctx.status(response.status()).contentType(response.contentType()).result(response.body());
        });
    }
}
