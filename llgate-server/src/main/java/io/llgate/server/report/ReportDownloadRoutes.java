package io.llgate.server.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.WireTime;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FileReply;
import io.llgate.server.http.Json;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.llgate.server.ledger.BusinessDays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merchant's side of the report files, through the merchant API pipeline (signed JSON, the merchant's key):
 * {@code /report/download.htm} answers one file's exact bytes, {@code /report/list.htm} lists the files.
 * A merchant only ever sees its own files; another merchant's file is answered like a missing one.
 */
public final class ReportDownloadRoutes {
    public static final String DOWNLOAD = "/report/download.htm";
    public static final String LIST = "/report/list.htm";
    /** How many files a listing answers at most. */
    static final int LIST_LIMIT = 100;

    private final ReportFiles files;
    private final MerchantApi api;

    public ReportDownloadRoutes(ReportFiles files, MerchantApi api) {
        this.files = files;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        routes.post(DOWNLOAD, api.file(null, this::download));
        routes.post(LIST, api.plain(null, this::list));
    }

    private FileReply download(ApiRequest r) {
        ReportKind.FileName wanted = wanted(r);
        if (!wanted.oidPartner().equals(r.merchant().oidPartner())) {
            throw Refusal.of(RetCode.NO_RECORD);
        }
        return files.find(wanted.oidPartner(), wanted.kind(), wanted.period(), Optional.empty())
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD))
                .reply();
    }

    /**
     * The file named by {@code file_name}, or by {@code file_type} ({@code JYMX}, {@code JYMXSUM}, {@code FKMX}) and
     * {@code report_date}.
     */
    private static ReportKind.FileName wanted(ApiRequest r) {
        Optional<String> name = r.optional("file_name");
        if (name.isPresent()) {
            return ReportKind.parseName(name.get()).orElseThrow(() -> Refusal.badField("file_name"));
        }
        String type = r.required("file_type").trim();
        if (!type.equals("JYMX") && !type.equals("JYMXSUM") && !type.equals("FKMX")) {
            throw Refusal.badField("file_type");
        }
        String date = r.required("report_date").trim();
        ReportKind kind = ReportKind.byPrefix(type, date.length()).orElseThrow(() -> Refusal.badField("report_date"));
        return new ReportKind.FileName(kind, r.merchant().oidPartner(), period(kind.daily(), date, "report_date"));
    }

    private LinkedHashMap<String, String> list(ApiRequest r) {
        Optional<String> month = r.optional("report_month").map(m -> period(false, m.trim(), "report_month"));
        List<ReportFiles.StoredFile> found = files.list(new ReportFiles.Filter(Optional.of(r.merchant().oidPartner()),
                Optional.empty(), month, false), LIST_LIMIT);
        List<Map<String, String>> listed = found.stream().map(f -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("file_name", f.name());
            entry.put("revision", Integer.toString(f.revision()));
            entry.put("size", Long.toString(f.size()));
            entry.put("sha256", f.sha256());
            entry.put("created_at", WireTime.dateTime(f.createdAt()));
            return entry;
        }).toList();
        LinkedHashMap<String, String> reply = Replies.success(r.merchant().oidPartner());
        reply.put("file_count", Integer.toString(listed.size()));
        try {
            // The merchant API's replies are flat: the list travels as one signed string of JSON.
            reply.put("file_list", Json.MAPPER.writeValueAsString(listed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the file list", e);
        }
        return reply;
    }

    private static String period(boolean daily, String text, String field) {
        try {
            return daily ? BusinessDays.format(BusinessDays.parseDay(text)) : BusinessDays.format(BusinessDays.parseMonth(text));
        } catch (IllegalArgumentException e) {
            throw Refusal.badField(field);
        }
    }
}
