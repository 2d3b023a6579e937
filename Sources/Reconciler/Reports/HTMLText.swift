import GenesysCloud

/// Text from a server or a file made safe inside an HTML page: the five characters HTML gives a
/// meaning are replaced by entities, control characters are shown escaped (as in the terminal), and
/// the length is bounded, so a name such as `<script>` is shown, never run.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities: safe in element content and in quoted attributes alike.
    public static func escape(_ text: String, limit: Int = 4_000) -> String {
        var bounded = text
        if text.unicodeScalars.count > limit {
            bounded = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
        }
        let printable = TerminalText.escape(bounded, keepingLineBreaks: true)
        var out = ""
        out.reserveCapacity(printable.utf8.count + 16)
        for ch in printable {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A fragment id made of letters, digits and `-` only, so no text can break out of an attribute.
    static func anchor(_ text: String) -> String {
        let mapped = text.unicodeScalars.prefix(80).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
        }
        return String(mapped)
    }

    /// The frame every HTML report shares: one self-contained file (inline CSS, no script, nothing
    /// fetched). The Content-Security-Policy forbids every load, so even a value that slipped through
    /// could not reach the network; the viewport meta and the CSS make it readable on a phone.
    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="messengerctl">
        <title>\(escape(title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Plain system fonts (no web font), a table that turns into cards below 720 px, and colours that
    /// are never the only signal: every status is also written out.
    static let stylesheet = """
        :root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--drift:#9a6700;--err:#cf222e;--ok:#1a7f37;--ign:#59636e;--card:#f6f8fa}
        @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--drift:#d29922;--err:#f85149;--ok:#3fb950;--ign:#9198a1;--card:#151b23}}
        *{box-sizing:border-box}
        body{margin:0;padding:16px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
        h1{font-size:1.3em;margin:0 0 4px}
        h2{font-size:1.1em;margin:24px 0 8px}
        code,pre,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);padding:8px;border-radius:6px;margin:8px 0}
        .meta{color:var(--muted);margin:0 0 12px}
        .counts{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:1.05em;margin:8px 0 16px;padding:10px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card)}
        .counts b{font-size:1.2em}
        span.sync{color:var(--ok)}span.drift{color:var(--drift)}span.error{color:var(--err)}span.ignored,span.unchecked{color:var(--ign)}
        tr.error td:first-child{border-left:3px solid var(--err)}tr.drift td:first-child{border-left:3px solid var(--drift)}tr.ignored td:first-child{border-left:3px solid var(--ign)}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line);overflow-wrap:break-word}
        td.name{white-space:nowrap}
        th{font-size:.85em;color:var(--muted);font-weight:600}
        td.notes{min-width:14em;max-width:24em}
        td code{overflow-wrap:anywhere}
        td.field{min-width:9em}td.field code{overflow-wrap:break-word}
        td.notes pre{margin:0}
        .badge{display:inline-block;font-size:.8em;font-weight:600;padding:0 6px;border-radius:10px;border:1px solid currentColor;white-space:nowrap}
        details{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 10px}
        summary{cursor:pointer;padding:8px 0;font-weight:600}
        .pair{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
        .pair figure{margin:0;flex:1 1 260px;max-width:380px}
        .pair figcaption{font-size:.85em;color:var(--muted)}
        .pair svg{width:100%;height:auto;border:1px solid var(--line);border-radius:6px}
        @media (max-width:720px){
          body{padding:10px}
          table,thead,tbody,tr,th,td{display:block}
          thead{display:none}
          tr{border:1px solid var(--line);border-radius:8px;margin:0 0 10px;padding:4px 8px;background:var(--card)}
          td{border:0;padding:3px 0}
          td::before{content:attr(data-label);display:block;font-size:.75em;color:var(--muted)}
          td.notes{min-width:0;max-width:none}
          td.empty{display:none}
          td.name{white-space:normal}
          tr.error td:first-child,tr.drift td:first-child,tr.ignored td:first-child{border-left:0}
          tr.error{border-left:4px solid var(--err)}tr.drift{border-left:4px solid var(--drift)}tr.ignored{border-left:4px solid var(--ign)}
        }
        """
}
