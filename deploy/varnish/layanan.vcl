# Varnish in front of the app servers (docs/scale-out.md). Keeps only what the app marks for
# shared caches (`s-maxage`: public pages and content API answers for anonymous readers, never
# a form, a session or a complaint) and static files; bans a path when Wagtail's frontend cache
# module sends PURGE on publish (frontend/front_cache.py, api/front_cache.py).
#
# The backend is nginx balancing over the app servers (deploy/nginx/layanan.conf), or one app
# server. Checked in CI with `varnishd -C -f` (tests/deploy/test_deploy_files.py).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;   # gunicorn's timeout is 30 s (gunicorn.conf.py)
    .between_bytes_timeout = 10s;
}

# Who may purge: the app servers (their addresses; loopback when on this machine).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every answer of the path (all its query strings and variants), on this host; a path
        # ending in `*` stands for everything under it ("/*": the whole site).
        if (req.url ~ "\*$") {
            ban("obj.http.x-host == " + req.http.host + " && obj.http.x-path ~ ^"
                + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-host == " + req.http.host + " && obj.http.x-path == "
                + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, resident endpoints and anything a signed-in session or a flash message shows.
    if (req.url ~ "^/(admin|api/v1|pengaduan/foto)/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (the CSRF cookie) never change a public answer: looked up without them,
    # still sent to the app on a miss (a form is answered `private` and not kept).
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    # For bans by path and host (kept on the object, taken off what readers get).
    set beresp.http.x-host = bereq.http.host;
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Cache-Control ~ "s-maxage=[1-9]") {
        # The app says the answer is the same for every anonymous reader: its `Vary: Cookie`
        # would make one copy per CSRF cookie, so the copy varies on the rest only.
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*Cookie\s*(?=,|$)", "");
        set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
        set beresp.grace = 30s;
        return (deliver);
    }
    if (bereq.url ~ "^/static/" && beresp.status == 200) {
        return (deliver);   # hashed names, `immutable` (WhiteNoise)
    }
    # Anything else is the app's alone to answer.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
