<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../src/gui/autostart.cpp" line="+175"/>
        <source>Sell local GPU inference capacity through the AISBF broker</source>
        <translation>Vendi la capacità di inferenza delle GPU locali tramite il broker AISBF</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The program path &quot;%1&quot; cannot be started at login.</source>
        <translation>Il programma &quot;%1&quot; non può essere avviato all&apos;accesso.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not write the Run entry in the Windows registry.</source>
        <translation>Impossibile scrivere la voce Run nel registro di Windows.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not create &quot;%1&quot;: %2</source>
        <translation>Impossibile creare &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write &quot;%1&quot;: %2</source>
        <translation>Impossibile scrivere &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not remove the Run entry from the Windows registry.</source>
        <translation>Impossibile rimuovere la voce Run dal registro di Windows.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not remove &quot;%1&quot;: %2</source>
        <translation>Impossibile rimuovere &quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>CoderAiConfigImport</name>
    <message>
        <location filename="../src/core/config/coderaiconfigimport.cpp" line="+32"/>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>un numero</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text</source>
        <translation>testo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>una lista</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an object</source>
        <translation>un oggetto</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing</source>
        <translation>niente</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&quot;%1&quot; in the CoderAI config (%2) must be text, not %3.</source>
        <translation>&quot;%1&quot; nella configurazione CoderAI (%2) deve essere testo, non %3.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; in the CoderAI config (%2) must be true or false, not %3.</source>
        <translation>&quot;%1&quot; nella configurazione CoderAI (%2) deve essere true o false, non %3.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The scope (%1) &quot;%2&quot; in the CoderAI config is unknown; expected &quot;global&quot; or &quot;user&quot;.</source>
        <translation>L&apos;ambito (%1) &quot;%2&quot; nella configurazione CoderAI è sconosciuto; è atteso &quot;global&quot; o &quot;user&quot;.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The transport (%1) &quot;%2&quot; in the CoderAI config is not supported; CoderAI Seller speaks only &quot;websocket&quot;.</source>
        <translation>Il trasporto (%1) &quot;%2&quot; nella configurazione CoderAI non è supportato; CoderAI Seller usa solo &quot;websocket&quot;.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The CoderAI config is not valid JSON: %1 at byte %2.</source>
        <translation>La configurazione CoderAI non è un JSON valido: %1 al byte %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The CoderAI config must be a JSON object of the form {&quot;broker&quot;: {...}}.</source>
        <translation>La configurazione CoderAI deve essere un oggetto JSON della forma {&quot;broker&quot;: {...}}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The CoderAI config has no &quot;broker&quot; object; expected a file of the form {&quot;broker&quot;: {&quot;base_url&quot;: ...}}.</source>
        <translation>La configurazione CoderAI non contiene l&apos;oggetto &quot;broker&quot;; è atteso un file della forma {&quot;broker&quot;: {&quot;base_url&quot;: ...}}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;broker&quot; in the CoderAI config must be an object, not %1.</source>
        <translation>&quot;broker&quot; nella configurazione CoderAI deve essere un oggetto, non %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot read the CoderAI config &quot;%1&quot;: %2.</source>
        <translation>Impossibile leggere la configurazione CoderAI &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The CoderAI config &quot;%1&quot; is larger than %2 KiB; it is not a CoderAI config file.</source>
        <translation>La configurazione CoderAI &quot;%1&quot; supera %2 KiB: non è un file di configurazione CoderAI.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../src/app/commandline.cpp" line="+18"/>
        <source>Sell your machine&apos;s local model server through the AISBF broker.</source>
        <translation>Vende il server dei modelli locale di questa macchina tramite il broker AISBF.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run without a desktop: log to stderr, stop on SIGINT/SIGTERM.</source>
        <translation>Esegue senza desktop: scrive il log su stderr, si ferma con SIGINT/SIGTERM.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run against the embedded demo broker; no account needed.</source>
        <translation>Usa il broker dimostrativo integrato; non serve alcun account.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desktop: show the status window instead of a tray icon.</source>
        <translation>Desktop: mostra la finestra di stato invece dell&apos;icona nell&apos;area di notifica.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the GPU and host inventory and exit.</source>
        <translation>Stampa l&apos;inventario delle GPU e dell&apos;host ed esce.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --list-gpus: print the exact JSON sent to AISBF.</source>
        <translation>Con --list-gpus: stampa il JSON esatto inviato ad AISBF.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a CoderAI config file ({&quot;broker&quot;:{…}}).</source>
        <translation>Importa un file di configurazione CoderAI ({&quot;broker&quot;:{…}}).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+2"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Use this settings file instead of the stored settings.</source>
        <translation>Usa questo file di impostazioni invece delle impostazioni salvate.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AISBF base URL (https, http, wss or ws).</source>
        <translation>URL di base di AISBF (https, http, wss o ws).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Provider scope: global or user.</source>
        <translation>Ambito del provider: global o user.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SCOPE</source>
        <translation>AMBITO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AISBF user owning the provider (user scope).</source>
        <translation>Utente AISBF proprietario del provider (ambito user).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AISBF provider id.</source>
        <translation>ID del provider AISBF.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stable id of this machine.</source>
        <translation>ID stabile di questa macchina.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base URL of the local model server.</source>
        <translation>URL di base del server dei modelli locale.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra CA certificate (PEM) to trust for the broker.</source>
        <translation>Certificato CA aggiuntivo (PEM) da considerare attendibile per il broker.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the registration token from FILE (default: $CODERAI_SELLER_TOKEN).</source>
        <translation>Legge il token di registrazione da FILE (predefinito: $CODERAI_SELLER_TOKEN).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also send the token in the URL, for proxies that strip headers.</source>
        <translation>Invia il token anche nell&apos;URL, per i proxy che rimuovono le intestazioni.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local requests run at once.</source>
        <translation>Richieste locali eseguite contemporaneamente.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve /metrics, /healthz and /readyz on [ADDR:]PORT (default address 127.0.0.1).</source>
        <translation>Espone /metrics, /healthz e /readyz su [INDIRIZZO:]PORTA (indirizzo predefinito 127.0.0.1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>[ADDR:]PORT</source>
        <translation>[INDIRIZZO:]PORTA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the earnings ledger (rows, or totals with --by) and exit.</source>
        <translation>Stampa il registro dei guadagni (le righe, o i totali con --by) ed esce.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --ledger: from this local day on.</source>
        <translation>Con --ledger: da questo giorno (ora locale) in poi.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-GG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>With --ledger: up to this local day, included.</source>
        <translation>Con --ledger: fino a questo giorno (ora locale), incluso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --ledger: csv (default) or json.</source>
        <translation>Con --ledger: csv (predefinito) o json.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FORMAT</source>
        <translation>FORMATO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --ledger: totals per day or per model.</source>
        <translation>Con --ledger: totali per giorno o per modello.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>day|model</source>
        <translation>day|model</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headless: keep no ledger of finished requests (no earnings history).</source>
        <translation>Senza desktop: non tiene alcun registro delle richieste concluse (nessuno storico dei guadagni).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--%1: &apos;%2&apos; is not a valid value.</source>
        <translation>--%1: &apos;%2&apos; non è un valore valido.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>--%1 must be a date like 2026-12-31, not &apos;%2&apos;.</source>
        <translation>--%1 deve essere una data come 2026-12-31, non &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--since is after --until.</source>
        <translation>--since è successiva a --until.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--format must be &apos;csv&apos; or &apos;json&apos;, not &apos;%1&apos;.</source>
        <translation>--format deve essere &apos;csv&apos; o &apos;json&apos;, non &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--by must be &apos;day&apos; or &apos;model&apos;, not &apos;%1&apos;.</source>
        <translation>--by deve essere &apos;day&apos; o &apos;model&apos;, non &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Unexpected argument &apos;%1&apos;.</source>
        <translation>Argomento inatteso &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--scope must be &apos;global&apos; or &apos;user&apos;, not &apos;%1&apos;.</source>
        <translation>--scope deve essere &apos;global&apos; o &apos;user&apos;, non &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>DemoEnvironment</name>
    <message>
        <location filename="../src/demo/demoenvironment.cpp" line="+38"/>
        <source>The demo servers could not listen on 127.0.0.1.</source>
        <translation>I server dimostrativi non sono riusciti a mettersi in ascolto su 127.0.0.1.</translation>
    </message>
</context>
<context>
    <name>DemoProfile</name>
    <message>
        <location filename="../src/gui/demoprofile.cpp" line="+41"/>
        <source>This is a demo: a broker and a model server on this computer, with sample prices. There is no account, and nothing is really earned.</source>
        <translation>Questa è una demo: un broker e un server di modelli su questo computer, con prezzi di esempio. Non c&apos;è nessun account e non si guadagna davvero nulla.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The demo is running. These settings are your real configuration: saving them leaves the demo and connects to your broker.</source>
        <translation>La demo è in corso. Queste impostazioni sono la tua configurazione reale: salvandole esci dalla demo e ti colleghi al tuo broker.</translation>
    </message>
</context>
<context>
    <name>HardwareTable</name>
    <message>
        <location filename="../src/core/hardware/hardwaretable.cpp" line="+43"/>
        <source>%1 logical cores</source>
        <translation>%1 core logici</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RAM %1/%2 MiB available</source>
        <translation>RAM %1/%2 MiB disponibili</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No GPU found</source>
        <translation>Nessuna GPU trovata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VRAM used/total MiB</source>
        <translation>VRAM usata/totale MiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Util %</source>
        <translation>Util. %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temp °C</source>
        <translation>Temp. °C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power W</source>
        <translation>Potenza W</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>note: </source>
        <translation>nota: </translation>
    </message>
</context>
<context>
    <name>LaunchConfig</name>
    <message>
        <location filename="../src/app/launchconfig.cpp" line="+53"/>
        <source>No registration token: set CODERAI_SELLER_TOKEN, pass --token-file FILE, load it as the systemd credential &quot;token&quot;, save it in the desktop app&apos;s settings (keyring), or import a CoderAI config that holds one.</source>
        <translation>Nessun token di registrazione: imposta CODERAI_SELLER_TOKEN, passa --token-file FILE, caricalo come credenziale systemd &quot;token&quot;, salvalo nelle impostazioni dell&apos;app desktop (portachiavi) oppure importa una configurazione CoderAI che lo contenga.</translation>
    </message>
</context>
<context>
    <name>LedgerCommand</name>
    <message>
        <location filename="../src/app/ledgercommand.cpp" line="+41"/>
        <source>No ledger yet at %1: it is made when the seller serves its first request.</source>
        <translation>Nessun registro dei guadagni ancora in %1: viene creato quando il venditore serve la prima richiesta.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+30"/>
        <source>Cannot read the ledger: %1</source>
        <translation>Impossibile leggere il registro dei guadagni: %1</translation>
    </message>
</context>
<context>
    <name>SellerConfig</name>
    <message>
        <location filename="../src/core/config/sellerconfig.cpp" line="+82"/>
        <source>The provider id (%1) must not be empty; use the provider id configured in AISBF.</source>
        <translation>L&apos;ID del provider (%1) non può essere vuoto; usa l&apos;ID del provider configurato in AISBF.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The provider id (%1) must not contain spaces or control characters.</source>
        <translation>L&apos;ID del provider (%1) non può contenere spazi o caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The client id (%1) must not be empty; it names this machine in AISBF.</source>
        <translation>L&apos;ID client (%1) non può essere vuoto: identifica questa macchina in AISBF.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The client id (%1) must not contain spaces or control characters.</source>
        <translation>L&apos;ID client (%1) non può contenere spazi o caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>With scope &quot;global&quot; the username (%1) must be &quot;global&quot;, not &quot;%2&quot;. For a provider owned by an AISBF user, use scope &quot;user&quot;.</source>
        <translation>Con l&apos;ambito &quot;global&quot; il nome utente (%1) deve essere &quot;global&quot;, non &quot;%2&quot;. Per un provider di proprietà di un utente AISBF, usa l&apos;ambito &quot;user&quot;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>With scope &quot;user&quot; the username (%1) must name the AISBF user who owns the provider.</source>
        <translation>Con l&apos;ambito &quot;user&quot; il nome utente (%1) deve indicare l&apos;utente AISBF proprietario del provider.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With scope &quot;user&quot; the username (%1) cannot be &quot;global&quot;. Use scope &quot;global&quot; instead, or the owner&apos;s AISBF username.</source>
        <translation>Con l&apos;ambito &quot;user&quot; il nome utente (%1) non può essere &quot;global&quot;. Usa invece l&apos;ambito &quot;global&quot;, oppure il nome utente AISBF del proprietario.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The username (%1) must not start or end with a space or contain control characters.</source>
        <translation>Il nome utente (%1) non può iniziare o finire con uno spazio né contenere caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>The broker URL (%1) must start with https://, http://, wss:// or ws:// and name a host; got &quot;%2&quot;.</source>
        <translation>L&apos;URL del broker (%1) deve iniziare con https://, http://, wss:// o ws:// e indicare un host; valore ricevuto: &quot;%2&quot;.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The local server URL (%1) must start with http:// or https:// and name a host; got &quot;%2&quot;.</source>
        <translation>L&apos;URL del server locale (%1) deve iniziare con http:// o https:// e indicare un host; valore ricevuto: &quot;%2&quot;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The number of concurrent requests (%1) must be between %2 and %3; got %4.</source>
        <translation>Il numero di richieste simultanee (%1) deve essere compreso tra %2 e %3; valore ricevuto: %4.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The serving schedule (%1) cannot be read: %2.</source>
        <translation>L&apos;orario di servizio (%1) non è leggibile: %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The heartbeat interval (%1) must be at least %2 ms; got %3 ms.</source>
        <translation>L&apos;intervallo di heartbeat (%1) deve essere di almeno %2 ms; valore ricevuto: %3 ms.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The CA certificate file (%1) &quot;%2&quot; does not exist.</source>
        <translation>Il file del certificato CA (%1) &quot;%2&quot; non esiste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The CA certificate file (%1) &quot;%2&quot; is not a readable file.</source>
        <translation>Il file del certificato CA (%1) &quot;%2&quot; non è un file leggibile.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The metrics address (%1) must be a port, or an address and a port like 127.0.0.1:9464; got &quot;%2&quot;.</source>
        <translation>L&apos;indirizzo delle metriche (%1) deve essere una porta, oppure un indirizzo e una porta come 127.0.0.1:9464; valore ricevuto: &quot;%2&quot;.</translation>
    </message>
</context>
<context>
    <name>ServingDecision</name>
    <message numerus="yes">
        <location filename="../src/core/policy/servingdecision.cpp" line="+48"/>
        <source>Serving up to %n request(s) at a time</source>
        <translation>
            <numerusform>In servizio: fino a %n richiesta alla volta</numerusform>
            <numerusform>In servizio: fino a %n richieste alla volta</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused until %1</source>
        <translation>In pausa fino a %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused until you resume</source>
        <translation>In pausa finché non riprendi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Paused by schedule until %1</source>
        <translation>In pausa secondo l&apos;orario fino a %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused by schedule</source>
        <translation>In pausa secondo l&apos;orario</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GPU %1 near its power limit: not taking new work</source>
        <translation>GPU %1 vicina al limite di potenza: nessun nuovo lavoro accettato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU %1 near its power limit: disconnected until it cools down</source>
        <translation>GPU %1 vicina al limite di potenza: disconnesso finché non si raffredda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU %1 at %2 °C: not taking new work</source>
        <translation>GPU %1 a %2 °C: nessun nuovo lavoro accettato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU %1 at %2 °C: disconnected until it cools down</source>
        <translation>GPU %1 a %2 °C: disconnesso finché non si raffredda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are using the computer: serving paused</source>
        <translation>Stai usando il computer: servizio in pausa</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>You are using the computer: serving %n request(s) at a time</source>
        <translation>
            <numerusform>Stai usando il computer: al massimo %n richiesta alla volta</numerusform>
            <numerusform>Stai usando il computer: al massimo %n richieste alla volta</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another program is using GPU %1: serving paused</source>
        <translation>Un altro programma sta usando la GPU %1: servizio in pausa</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Another program is using GPU %1: serving %n request(s) at a time</source>
        <translation>
            <numerusform>Un altro programma sta usando la GPU %1: al massimo %n richiesta alla volta</numerusform>
            <numerusform>Un altro programma sta usando la GPU %1: al massimo %n richieste alla volta</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionFailure</name>
    <message>
        <location filename="../src/core/sessioninfo.cpp" line="+85"/>
        <source>The broker refused this seller (HTTP %1). Check the provider id, the username and scope, the registration token, and that the provider is of type coderai in AISBF.</source>
        <translation>Il broker ha rifiutato questo venditore (HTTP %1). Controlla l&apos;ID del provider, il nome utente e l&apos;ambito, il token di registrazione e che in AISBF il provider sia di tipo coderai.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The broker answered HTTP %1 instead of opening the session.</source>
        <translation>Il broker ha risposto HTTP %1 invece di aprire la sessione.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TLS verification of the broker failed: %1</source>
        <translation>Verifica TLS del broker non riuscita: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The broker closed the session (code %1).</source>
        <translation>Il broker ha chiuso la sessione (codice %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The broker closed the session (code %1): %2</source>
        <translation>Il broker ha chiuso la sessione (codice %1): %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The broker rejected this seller: %1</source>
        <translation>Il broker ha respinto questo venditore: %1</translation>
    </message>
</context>
<context>
    <name>SessionText</name>
    <message>
        <location filename="../src/gui/sessiontext.cpp" line="+12"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connecting…</source>
        <translation>Connessione in corso…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registering with the broker…</source>
        <translation>Registrazione presso il broker…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Online, serving %n request(s)</source>
        <translation>
            <numerusform>Online, %n richiesta in elaborazione</numerusform>
            <numerusform>Online, %n richieste in elaborazione</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Completamento di %n richiesta…</numerusform>
            <numerusform>Completamento di %n richieste…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>In pausa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting to reconnect</source>
        <translation>In attesa di riconnessione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected by the broker</source>
        <translation>Respinto dal broker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Configuration error</source>
        <translation>Errore di configurazione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local model server not answering</source>
        <translation>Il server dei modelli locale non risponde</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 d %2 h</source>
        <translation>%1 g %2 h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The local model server is not answering either.</source>
        <translation>Anche il server dei modelli locale non risponde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local model server is not answering either: %1</source>
        <translation>Anche il server dei modelli locale non risponde: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.ui" line="+5"/>
        <source>CoderAI Seller settings</source>
        <translation>Impostazioni di CoderAI Seller</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Import CoderAI config…</source>
        <translation>&amp;Importa configurazione CoderAI…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the broker settings and token from a CoderAI config file ({&quot;broker&quot;: {…}}).</source>
        <translation>Legge le impostazioni del broker e il token da un file di configurazione CoderAI ({&quot;broker&quot;: {…}}).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>AISBF broker</source>
        <translation>Broker AISBF</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Broker &amp;URL:</source>
        <translation>URL del &amp;broker:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The address of AISBF: https://, http://, wss:// or ws://, with an optional path prefix.</source>
        <translation>L&apos;indirizzo di AISBF: https://, http://, wss:// o ws://, con un eventuale prefisso di percorso.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Scope:</source>
        <translation>&amp;Ambito:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Global: a provider of the whole AISBF instance. User: a provider owned by one AISBF user.</source>
        <translation>Globale: un provider dell&apos;intera istanza AISBF. Utente: un provider di proprietà di un singolo utente AISBF.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>User&amp;name:</source>
        <translation>Nome &amp;utente:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The AISBF user who owns the provider; &quot;global&quot; for global scope.</source>
        <translation>L&apos;utente AISBF proprietario del provider; &quot;global&quot; per l&apos;ambito globale.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Provider id:</source>
        <translation>ID &amp;provider:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The provider id configured in AISBF, e.g. coderai-local.</source>
        <translation>L&apos;ID del provider configurato in AISBF, ad es. coderai-local.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Client id:</source>
        <translation>ID &amp;client:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A stable name for this machine; it must match the client id of the provider in AISBF.</source>
        <translation>Un nome stabile per questa macchina; deve corrispondere all&apos;ID client del provider in AISBF.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Registration &amp;token:</source>
        <translation>&amp;Token di registrazione:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The provider&apos;s registration token from AISBF. It is kept in the system keyring, never in the settings file.</source>
        <translation>Il token di registrazione del provider rilasciato da AISBF. Viene conservato nel portachiavi di sistema, mai nel file delle impostazioni.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Extra CA &amp;file:</source>
        <translation>&amp;File CA aggiuntivo:</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+119"/>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>A CA certificate (PEM) to trust in addition to the system&apos;s, for a self-hosted broker. Certificates are always verified.</source>
        <translation>Un certificato CA (PEM) da considerare attendibile oltre a quelli di sistema, per un broker ospitato in proprio. I certificati vengono sempre verificati.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Sfoglia…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Test co&amp;nnection</source>
        <translation>Pr&amp;ova connessione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connects to AISBF with these settings and the typed token, registers, and leaves again. Nothing is saved. A seller already running with the same provider and client id is replaced for a moment and reconnects by itself.</source>
        <translation>Si connette ad AISBF con queste impostazioni e il token inserito, si registra e si disconnette subito. Non viene salvato nulla. Un venditore già in esecuzione con lo stesso provider e lo stesso ID client viene sostituito per un momento e si riconnette da solo.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Local model server</source>
        <translation>Server dei modelli locale</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Local server &amp;URL:</source>
        <translation>URL del server &amp;locale:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The base address of your OpenAI-compatible model server.</source>
        <translation>L&apos;indirizzo di base del tuo server dei modelli compatibile con OpenAI.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Detect</source>
        <translation>&amp;Rileva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looks for CoderAI, llama.cpp, Ollama, vLLM and LM Studio on this machine.</source>
        <translation>Cerca CoderAI, llama.cpp, Ollama, vLLM e LM Studio su questa macchina.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Click a server to use it.</source>
        <translation>Fai clic su un server per usarlo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Local &amp;API key:</source>
        <translation>C&amp;hiave API locale:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only if your local server asks for one. Kept in the system keyring.</source>
        <translation>Solo se il server locale la richiede. Viene conservata nel portachiavi di sistema.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Models offered:</source>
        <translation>&amp;Modelli offerti:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check the models buyers may use. With nothing checked, every model of the local server is offered.</source>
        <translation>Seleziona i modelli che gli acquirenti possono usare. Se non ne selezioni nessuno, vengono offerti tutti i modelli del server locale.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ggiorna</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reads the model list from the local server.</source>
        <translation>Legge l&apos;elenco dei modelli dal server locale.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Concurrent &amp;requests:</source>
        <translation>Richieste simultan&amp;ee:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>How many requests run on the local server at once; more wait in a short queue.</source>
        <translation>Quante richieste vengono eseguite contemporaneamente sul server locale; le altre attendono in una breve coda.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start at &amp;login</source>
        <translation>A&amp;vvia all&apos;accesso</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show &amp;notifications</source>
        <translation>Mostra &amp;notifiche</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This is the demo. These are your real settings: saving them leaves the demo and connects to your broker.</source>
        <translation>Questa è la demo. Queste sono le tue impostazioni reali: salvandole esci dalla demo e ti colleghi al tuo broker.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Try &amp;again</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Keep the token for this session only</source>
        <translation>Mantieni il token solo per &amp;questa sessione</translation>
    </message>
</context>
<context>
    <name>TokenSource</name>
    <message>
        <location filename="../src/core/config/tokensource.cpp" line="+50"/>
        <source>%1 is not set</source>
        <translation>La variabile %1 non è impostata</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is set but empty</source>
        <translation>La variabile %1 è impostata ma vuota</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 holds line breaks or control characters inside the token</source>
        <translation>La variabile %1 contiene interruzioni di riga o caratteri di controllo all&apos;interno del token</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot open the token file &quot;%1&quot;: %2</source>
        <translation>Impossibile aprire il file del token &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot read the token file &quot;%1&quot;: %2</source>
        <translation>Impossibile leggere il file del token &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The token file &quot;%1&quot; is larger than %2 KiB; it does not hold a registration token</source>
        <translation>Il file del token &quot;%1&quot; supera %2 KiB: non contiene un token di registrazione</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The token file &quot;%1&quot; is empty</source>
        <translation>Il file del token &quot;%1&quot; è vuoto</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token file &quot;%1&quot; holds more than one line or control characters inside the token</source>
        <translation>Il file del token &quot;%1&quot; contiene più di una riga o caratteri di controllo all&apos;interno del token</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The keyring did not answer within %1 s</source>
        <translation>Il portachiavi non ha risposto entro %1 s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The token in the keyring holds line breaks or control characters</source>
        <translation>Il token nel portachiavi contiene a capo o caratteri di controllo</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../ui/welcomedialog.ui" line="+9"/>
        <source>Welcome to CoderAI Seller</source>
        <translation>Ti diamo il benvenuto in CoderAI Seller</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h2&gt;Welcome to CoderAI Seller&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Ti diamo il benvenuto in CoderAI Seller&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CoderAI Seller offers the models of your local model server (CoderAI, llama.cpp, Ollama, vLLM or LM Studio) to buyers through the AISBF broker. It dials out, so it works behind NAT and needs no open port.

To sell for real you need a provider in AISBF and its registration token. To look around first, try the demo: it runs a broker and a model server inside the app and needs no account.</source>
        <translation>CoderAI Seller offre agli acquirenti i modelli del tuo server dei modelli locale (CoderAI, llama.cpp, Ollama, vLLM o LM Studio) tramite il broker AISBF. La connessione parte da questa macchina, quindi funziona anche dietro NAT e non richiede porte aperte.

Per vendere davvero ti servono un provider in AISBF e il relativo token di registrazione. Per dare prima un&apos;occhiata, prova la demo: avvia un broker e un server dei modelli all&apos;interno dell&apos;app e non richiede alcun account.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Try the &amp;demo</source>
        <translation>Prova la &amp;demo</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open &amp;settings</source>
        <translation>Apri le &amp;impostazioni</translation>
    </message>
</context>
<context>
    <name>coderai::AboutDialog</name>
    <message>
        <location filename="../src/gui/aboutdialog.cpp" line="+29"/>
        <source>About CoderAI Seller</source>
        <translation>Informazioni su CoderAI Seller</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Version %1, built with Qt %2 (running on Qt %3)</source>
        <translation>Versione %1, compilata con Qt %2 (in esecuzione su Qt %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sells your machine&apos;s local model server through the AISBF broker.</source>
        <translation>Vende il server di modelli locale di questo computer tramite il broker AISBF.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Free software under the GNU General Public License, version 3 or later (%1): you may share and change it under its terms, and it comes with no warranty.</source>
        <translation>Software libero sotto la GNU General Public License, versione 3 o successiva (%1): puoi condividerlo e modificarlo secondo i suoi termini, ed è fornito senza alcuna garanzia.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Read the README</source>
        <translation>Leggi il README</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up your provider in AISBF</source>
        <translation>Configura il tuo provider in AISBF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the licence</source>
        <translation>Leggi la licenza</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>About Qt</source>
        <translation>Informazioni su Qt</translation>
    </message>
</context>
<context>
    <name>coderai::ActivityModel</name>
    <message>
        <location filename="../src/gui/activitymodel.cpp" line="+60"/>
        <source>Served</source>
        <translation>Servita</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Non riuscita</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled</source>
        <translation>Annullata</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refused</source>
        <translation>Rifiutata</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 prompt tokens, %2 completion tokens</source>
        <translation>%1 token del prompt, %2 token di completamento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counted from the stream: the model server reported no usage.</source>
        <translation>Conteggiati dallo stream: il server dei modelli non ha riportato l&apos;utilizzo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (stream)</source>
        <translation>%1 (stream)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2%3</source>
        <translation>%1 → %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (est.)</source>
        <translation> (stima)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation</source>
        <translation>Operazione</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latenza</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
</context>
<context>
    <name>coderai::BrokerSession</name>
    <message numerus="yes">
        <location filename="../src/core/broker/sessionfailures.cpp" line="+24"/>
        <source>The broker did not answer within %n second(s).</source>
        <translation>
            <numerusform>Il broker non ha risposto entro %n secondo.</numerusform>
            <numerusform>Il broker non ha risposto entro %n secondi.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The broker did not confirm the registration in time.</source>
        <translation>Il broker non ha confermato la registrazione in tempo.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The local model server is not answering: %1</source>
        <translation>Il server dei modelli locale non risponde: %1</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>the broker refused the registration</source>
        <translation>il broker ha rifiutato la registrazione</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The broker stopped answering (no frame or pong for %n second(s)).</source>
        <translation>
            <numerusform>Il broker ha smesso di rispondere (nessun frame o pong da %n secondo).</numerusform>
            <numerusform>Il broker ha smesso di rispondere (nessun frame o pong da %n secondi).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The broker sent a message larger than %1 bytes; the connection was closed without reading it.</source>
        <translation>Il broker ha inviato un messaggio più grande di %1 byte; la connessione è stata chiusa senza leggerlo.</translation>
    </message>
</context>
<context>
    <name>coderai::ConnectionCard</name>
    <message>
        <location filename="../src/gui/connectioncard.cpp" line="+18"/>
        <location line="+3"/>
        <source>Connection</source>
        <translation>Connessione</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State:</source>
        <translation>Stato:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also wrong</source>
        <translation>Altro problema</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Broker:</source>
        <translation>Broker:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider:</source>
        <translation>Provider:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope:</source>
        <translation>Ambito:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session id:</source>
        <translation>ID sessione:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online since:</source>
        <translation>Online da:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error:</source>
        <translation>Ultimo errore:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attempt:</source>
        <translation>Prossimo tentativo:</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Retry now</source>
        <translation>Riprova ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to the broker now instead of waiting for the next attempt.</source>
        <translation>Connettiti subito al broker invece di attendere il prossimo tentativo.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 (client %2)</source>
        <translation>%1 (client %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Global</source>
        <translation>Globale</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User %1</source>
        <translation>Utente %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None</source>
        <translation>Nessuno</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in %1</source>
        <translation>tra %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>now</source>
        <translation>ora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>when the local model server answers</source>
        <translation>quando il server dei modelli locale risponderà</translation>
    </message>
</context>
<context>
    <name>coderai::ConnectionTester</name>
    <message>
        <location filename="../src/gui/connectiontester.cpp" line="+77"/>
        <source>AISBF registered this machine as client &quot;%1&quot; although &quot;%2&quot; was sent: it cannot route work to it. Use the client id configured in AISBF.</source>
        <translation>AISBF ha registrato questa macchina come client &quot;%1&quot; anche se è stato inviato &quot;%2&quot;: non potrà inoltrarle richieste. Usa l&apos;ID client configurato in AISBF.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Connected: AISBF accepted this seller.</source>
        <translation>Connesso: AISBF ha accettato questo venditore.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: AISBF accepted this seller (session %1).</source>
        <translation>Connesso: AISBF ha accettato questo venditore (sessione %1).</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>No answer: the broker at %1 did not accept this seller within %n second(s).
Likely causes: the broker URL points at a server that is not AISBF; a proxy or firewall between here and AISBF holds the connection; AISBF is overloaded.</source>
        <translation>
            <numerusform>Nessuna risposta: il broker su %1 non ha accettato questo venditore entro %n secondo.
Cause probabili: l&apos;URL del broker punta a un server che non è AISBF; un proxy o un firewall tra qui e AISBF trattiene la connessione; AISBF è sovraccarico.</numerusform>
            <numerusform>Nessuna risposta: il broker su %1 non ha accettato questo venditore entro %n secondi.
Cause probabili: l&apos;URL del broker punta a un server che non è AISBF; un proxy o un firewall tra qui e AISBF trattiene la connessione; AISBF è sovraccarico.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>TLS error: the certificate of the broker at %1 could not be verified (%2).
Likely causes: a self-hosted broker whose CA certificate is not set as the extra CA file; a proxy that inspects encrypted traffic; a wrong clock on this computer.</source>
        <translation>Errore TLS: non è stato possibile verificare il certificato del broker su %1 (%2).
Cause probabili: un broker ospitato in proprio il cui certificato CA non è impostato come file CA aggiuntivo; un proxy che ispeziona il traffico cifrato; l&apos;orologio di questo computer è sbagliato.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No answer from the broker at %1 (%2).
Likely causes: the broker URL points at a server that is not AISBF; a proxy or firewall holds the connection.</source>
        <translation>Nessuna risposta dal broker su %1 (%2).
Cause probabili: l&apos;URL del broker punta a un server che non è AISBF; un proxy o un firewall trattiene la connessione.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unreachable: the server at %1 answered HTTP %2 instead of opening a broker session.
Likely causes: a wrong path prefix in the broker URL; the URL points at a web site, not at AISBF.</source>
        <translation>Irraggiungibile: il server su %1 ha risposto HTTP %2 invece di aprire una sessione con il broker.
Cause probabili: un prefisso di percorso sbagliato nell&apos;URL del broker; l&apos;URL punta a un sito web, non ad AISBF.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unreachable: could not reach the broker at %1 (%2).
Likely causes: a typing error in the broker URL; AISBF is down; this computer is offline or a firewall blocks the connection.</source>
        <translation>Irraggiungibile: impossibile raggiungere il broker su %1 (%2).
Cause probabili: un errore di battitura nell&apos;URL del broker; AISBF non è attivo; questo computer non è in rete o un firewall blocca la connessione.</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>AISBF refused this seller at the handshake (HTTP %1).</source>
        <translation>AISBF ha rifiutato questo venditore durante l&apos;handshake (HTTP %1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rejected: %1
Likely causes: the provider id is not a provider in AISBF; the username or scope does not match the provider&apos;s owner; the registration token is wrong or was rotated; the provider is not of type coderai.</source>
        <translation>Respinto: %1
Cause probabili: l&apos;ID del provider non corrisponde a un provider in AISBF; il nome utente o l&apos;ambito non corrispondono al proprietario del provider; il token di registrazione è errato o è stato rigenerato; il provider non è di tipo coderai.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The settings are not valid:
%1</source>
        <translation>Le impostazioni non sono valide:
%1</translation>
    </message>
</context>
<context>
    <name>coderai::DesktopApp</name>
    <message>
        <location filename="../src/gui/desktopapp.cpp" line="+202"/>
        <source>Keyring unavailable</source>
        <translation>Portachiavi non disponibile</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Already running</source>
        <translation>Già in esecuzione</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Diagnostics copied to the clipboard: paste them into your bug report.</source>
        <translation>Diagnostica copiata negli appunti: incollala nella tua segnalazione.</translation>
    </message>
</context>
<context>
    <name>coderai::EarningsChart</name>
    <message>
        <location filename="../src/gui/earningschart.cpp" line="+84"/>
        <source>Nothing in the last 30 days</source>
        <translation>Nulla negli ultimi 30 giorni</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Daily chart, last 30 days</source>
        <translation>Grafico giornaliero, ultimi 30 giorni</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chart shows</source>
        <translation>Il grafico mostra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sho&amp;w:</source>
        <translation>&amp;Visualizza:</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Requests</source>
        <translation>Richieste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Estimated earnings</source>
        <translation>Guadagni stimati</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Requests per day</source>
        <translation>Richieste al giorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens per day</source>
        <translation>Token al giorno</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Estimated earnings per day (%1)</source>
        <translation>Guadagni stimati al giorno (%1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing in the last 30 days.</source>
        <translation>Nulla negli ultimi 30 giorni.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Last 30 days: %Ln request(s).</source>
        <translation>
            <numerusform>Ultimi 30 giorni: %Ln richiesta.</numerusform>
            <numerusform>Ultimi 30 giorni: %Ln richieste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Last 30 days: %Ln token(s).</source>
        <translation>
            <numerusform>Ultimi 30 giorni: %Ln token.</numerusform>
            <numerusform>Ultimi 30 giorni: %Ln token.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 30 days: %1 estimated.</source>
        <translation>Ultimi 30 giorni: %1 stimati.</translation>
    </message>
</context>
<context>
    <name>coderai::EarningsExportDialog</name>
    <message>
        <location filename="../src/gui/earningsexportdialog.cpp" line="+19"/>
        <source>Export CSV</source>
        <translation>Esporta CSV</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose file…</source>
        <translation>Scegli il file…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every request finished on these days (your local time), one row each. Times in the file are UTC.</source>
        <translation>Ogni richiesta completata in questi giorni (ora locale), una riga ciascuna. Gli orari nel file sono in UTC.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;From:</source>
        <translation>&amp;Dal:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;To:</source>
        <translation>&amp;Al:</translation>
    </message>
</context>
<context>
    <name>coderai::EarningsModel</name>
    <message>
        <location filename="../src/gui/earningsmodel.cpp" line="+57"/>
        <source>Model lists and capability checks: AISBF asks for them, buyers do not pay for them.</source>
        <translation>Elenchi dei modelli e verifiche delle capacità: li chiede AISBF, gli acquirenti non li pagano.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no model)</source>
        <translation>(nessun modello)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Prompt and completion tokens of served requests: what your token price applies to</source>
        <translation>Token di prompt e di completamento delle richieste servite: ciò a cui si applica il tuo prezzo per token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Estimated at your prices; AISBF&apos;s statement is what pays</source>
        <translation>Stima ai tuoi prezzi; fa fede l&apos;estratto conto di AISBF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Served</source>
        <translation>Servite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Non riuscite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens served</source>
        <translation>Token serviti</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated earnings</source>
        <translation>Guadagni stimati</translation>
    </message>
</context>
<context>
    <name>coderai::EarningsSettings</name>
    <message>
        <location filename="../src/gui/earningssettings.cpp" line="+52"/>
        <source>Earnings</source>
        <translation>Guadagni</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add model</source>
        <translation>Aggiungi modello</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show my prices in the model list</source>
        <translation>Mostra i miei prezzi nell&apos;elenco dei modelli</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>For example USD, EUR or €; empty: no prices</source>
        <translation>Per esempio USD, EUR o €; vuoto: nessun prezzo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model</source>
        <translation>Modello</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Per million tokens</source>
        <translation>Per milione di token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Per 1000 requests</source>
        <translation>Per 1000 richieste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description for buyers</source>
        <translation>Descrizione per gli acquirenti</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Earnings are estimated at your prices; AISBF&apos;s statement is what pays. Prices are in AISBF&apos;s market units. Leave the currency empty to show no money.</source>
        <translation>I guadagni sono stime ai tuoi prezzi; ciò che viene pagato è quanto riporta il rendiconto di AISBF. I prezzi sono nelle unità del mercato di AISBF. Lascia vuota la valuta per non mostrare importi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Currency:</source>
        <translation>Valuta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price per million tokens:</source>
        <translation>Prezzo per milione di token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Price per 1000 requests:</source>
        <translation>Prezzo per 1000 richieste:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per-model prices (an empty price uses the one above):</source>
        <translation>Prezzi per modello (un prezzo vuoto usa quello indicato sopra):</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Model id</source>
        <translation>Id del modello</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>default</source>
        <translation>predefinito</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Enter the price as a number, for example %1, without thousands separators.</source>
        <translation>Inserisci il prezzo come numero, per esempio %1, senza separatori delle migliaia.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A price cannot be negative.</source>
        <translation>Un prezzo non può essere negativo.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>A price can have at most %n decimal place(s).</source>
        <translation>
            <numerusform>Un prezzo può avere al massimo %n cifra decimale.</numerusform>
            <numerusform>Un prezzo può avere al massimo %n cifre decimali.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That price is too large: at most %1.</source>
        <translation>Questo prezzo è troppo alto: al massimo %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>per million tokens</source>
        <translation>per milione di token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>per 1000 requests</source>
        <translation>per 1000 richieste</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Row %1: enter the model&apos;s id.</source>
        <translation>Riga %1: inserisci l&apos;id del modello.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row %1: &quot;%2&quot; is listed twice.</source>
        <translation>Riga %1: «%2» compare due volte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Row %1, price %2: %3</source>
        <translation>Riga %1, prezzo %2: %3</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>AISBF&apos;s buyers then see your prices, per token and per request, next to each model you offer.</source>
        <translation>Così gli acquirenti di AISBF vedono i tuoi prezzi, per token e per richiesta, accanto a ogni modello che offri.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for prices in USD: AISBF&apos;s model list shows prices in US dollars.</source>
        <translation>Solo per prezzi in USD: l&apos;elenco dei modelli di AISBF mostra i prezzi in dollari statunitensi.</translation>
    </message>
</context>
<context>
    <name>coderai::EarningsTab</name>
    <message>
        <location filename="../src/gui/earningstab.cpp" line="+58"/>
        <source>No earnings ledger is open, so there is no history to show. CoderAI Seller records every finished request in it once it serves.</source>
        <translation>Nessun registro dei guadagni è aperto, quindi non c&apos;è uno storico da mostrare. CoderAI Seller vi registra ogni richiesta completata non appena inizia a servire.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Estimated earnings</source>
        <translation>Guadagni stimati</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Today:</source>
        <translation>Oggi:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 7 days:</source>
        <translation>Ultimi 7 giorni:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 30 days:</source>
        <translation>Ultimi 30 giorni:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Estimated at your prices — AISBF&apos;s statement is what pays.</source>
        <translation>Stima ai tuoi prezzi — fa fede l&apos;estratto conto di AISBF.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You have set no prices, so no earnings are estimated. Enter the prices of your AISBF listing in Settings → Earnings.</source>
        <translation>Non hai impostato prezzi, quindi nessun guadagno viene stimato. Inserisci i prezzi della tua offerta su AISBF in Impostazioni → Guadagni.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set prices…</source>
        <translation>Imposta prezzi…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Models table range</source>
        <translation>Periodo della tabella dei modelli</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>Last 7 days</source>
        <translation>Ultimi 7 giorni</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Last 30 days</source>
        <translation>Ultimi 30 giorni</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Models:</source>
        <translation>&amp;Modelli:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Requests and estimated earnings per model</source>
        <translation>Richieste e guadagni stimati per modello</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every request of the days you pick, one row each, for your own books</source>
        <translation>Ogni richiesta dei giorni che scegli, una riga ciascuna, per la tua contabilità</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What buyers see</source>
        <translation>Cosa vedono gli acquirenti</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests</source>
        <translation>Richieste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Average latency</source>
        <translation>Latenza media</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Error rate</source>
        <translation>Tasso di errore</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last 24 hours</source>
        <translation>Ultime 24 ore</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AISBF&apos;s market shows buyers these figures of your chat requests next to your prices; here they are computed the same way from your ledger.</source>
        <translation>Il mercato di AISBF mostra agli acquirenti questi dati sulle tue richieste di chat accanto ai tuoi prezzi; qui sono calcolati allo stesso modo dal tuo registro.</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No earnings ledger is open.</source>
        <translation>Nessun registro dei guadagni è aperto.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>The ledger could not be read: %1</source>
        <translation>Impossibile leggere il registro: %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+6"/>
        <location line="+6"/>
        <source>%1 could not be written: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export CSV</source>
        <translation>Esporta CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>Esportazione non riuscita</translation>
    </message>
</context>
<context>
    <name>coderai::GpuNotes</name>
    <message>
        <location filename="../src/gui/gpunotes.cpp" line="+94"/>
        <source>This user may not read the GPU (permission denied). Add the user to the group that owns the GPU devices, usually &quot;video&quot; or &quot;render&quot;, then log out and in again.</source>
        <translation>Questo utente non può leggere la GPU (permesso negato). Aggiungi l&apos;utente al gruppo proprietario dei dispositivi della GPU, di solito &quot;video&quot; o &quot;render&quot;, poi esci e rientra nella sessione.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The NVIDIA driver was updated, but the old one is still running. Restart the computer.</source>
        <translation>Il driver NVIDIA è stato aggiornato, ma è ancora in uso quello vecchio. Riavvia il computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The NVIDIA driver is installed but not running. Restart the computer; if that does not help, check that Secure Boot lets the driver load.</source>
        <translation>Il driver NVIDIA è installato ma non è attivo. Riavvia il computer; se non basta, verifica che Secure Boot consenta di caricare il driver.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No NVIDIA driver is installed, so NVIDIA GPUs cannot be seen. If this computer has one, install the NVIDIA driver.</source>
        <translation>Non è installato alcun driver NVIDIA, quindi le GPU NVIDIA non sono visibili. Se questo computer ne ha una, installa il driver NVIDIA.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The NVIDIA driver is too old to report the GPUs. Update the driver.</source>
        <translation>Il driver NVIDIA è troppo vecchio per fornire i dati delle GPU. Aggiorna il driver.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nvidia-smi, which comes with the NVIDIA driver, is not installed.</source>
        <translation>nvidia-smi, fornito con il driver NVIDIA, non è installato.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU %1 stopped responding. Restart the computer to bring it back.</source>
        <translation>La GPU %1 ha smesso di rispondere. Riavvia il computer per ripristinarla.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU %1 is split into MIG instances: its utilization is not shown, and its memory is that of all instances together.</source>
        <translation>La GPU %1 è suddivisa in istanze MIG: il suo utilizzo non viene mostrato e la memoria indicata è quella di tutte le istanze insieme.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did not answer in time: a GPU or its driver may be stuck.</source>
        <translation>%1 non ha risposto in tempo: una GPU o il suo driver potrebbe essere bloccato.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 crashed while reading the GPUs.</source>
        <translation>%1 si è interrotto in modo anomalo durante la lettura delle GPU.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is installed but cannot be started.</source>
        <translation>%1 è installato ma non può essere avviato.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rocm-smi (AMD ROCm) gave an answer this app cannot read, so some AMD GPU figures are missing.</source>
        <translation>rocm-smi (AMD ROCm) ha dato una risposta che questa app non sa leggere, quindi mancano alcuni dati delle GPU AMD.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>AMD card %1 does not report its memory size. Check that it uses the amdgpu driver.</source>
        <translation>La scheda AMD %1 non indica la dimensione della sua memoria. Verifica che usi il driver amdgpu.</translation>
    </message>
</context>
<context>
    <name>coderai::GpuTableModel</name>
    <message>
        <location filename="../src/gui/gputablemodel.cpp" line="+60"/>
        <source>%1 / %2 MiB</source>
        <translation>%1 / %2 MiB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>? / %1 MiB</source>
        <translation>? / %1 MiB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 MiB used</source>
        <translation>%1 MiB usati</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <location line="+35"/>
        <location line="+2"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>%1 / %2 W</source>
        <translation>%1 / %2 W</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 W</source>
        <translation>%1 W</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>? / %1 W</source>
        <translation>? / %1 W</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>GPU %1, %2</source>
        <translation>GPU %1, %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown vendor</source>
        <translation>produttore sconosciuto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Driver %1</source>
        <translation>Driver %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PCI %1</source>
        <translation>PCI %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Some figures are estimates.</source>
        <translation>Alcuni valori sono stime.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Utilization</source>
        <translation>Utilizzo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Power</source>
        <translation>Potenza</translation>
    </message>
</context>
<context>
    <name>coderai::InstanceGuard</name>
    <message>
        <location filename="../src/core/config/instanceguard.cpp" line="+57"/>
        <source>Cannot create the folder &quot;%1&quot; for the lock file that keeps a second CoderAI Seller from starting.</source>
        <translation>Impossibile creare la cartella &quot;%1&quot; per il file di blocco che impedisce l&apos;avvio di un secondo CoderAI Seller.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Another CoderAI Seller (process %1) is already serving provider &quot;%2&quot; as client &quot;%3&quot;. Two copies with one identity would keep stealing each other&apos;s broker session; stop the other copy or give this one a different client id.</source>
        <translation>Un altro CoderAI Seller (processo %1) serve già il provider &quot;%2&quot; come client &quot;%3&quot;. Due copie con la stessa identità continuerebbero a sottrarsi a vicenda la sessione del broker: arresta l&apos;altra copia o assegna a questa un ID client diverso.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Another CoderAI Seller is already serving provider &quot;%1&quot; as client &quot;%2&quot;. Two copies with one identity would keep stealing each other&apos;s broker session; stop the other copy or give this one a different client id.</source>
        <translation>Un altro CoderAI Seller serve già il provider &quot;%1&quot; come client &quot;%2&quot;. Due copie con la stessa identità continuerebbero a sottrarsi a vicenda la sessione del broker: arresta l&apos;altra copia o assegna a questa un ID client diverso.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot create the lock file &quot;%1&quot;: permission denied.</source>
        <translation>Impossibile creare il file di blocco &quot;%1&quot;: permesso negato.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create the lock file &quot;%1&quot;.</source>
        <translation>Impossibile creare il file di blocco &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>coderai::KeychainSecretStore</name>
    <message>
        <location filename="../src/core/config/keychainsecretstore.cpp" line="+72"/>
        <source>No keyring (Secret Service) is available on this desktop, so the token cannot be stored safely. Start a keyring such as GNOME Keyring or KWallet and try again, or pass the token with CODERAI_SELLER_TOKEN or --token-file. CoderAI Seller never saves it in plain text.</source>
        <translation>Su questo desktop non è disponibile alcun portachiavi (Secret Service), quindi il token non può essere conservato in modo sicuro. Avvia un portachiavi come GNOME Keyring o KWallet e riprova, oppure passa il token con CODERAI_SELLER_TOKEN o --token-file. CoderAI Seller non lo salva mai in chiaro.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No secret named &quot;%1&quot; is stored in the keyring.</source>
        <translation>Nel portachiavi non è memorizzato alcun segreto di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keyring is locked. Unlock it (log in to your desktop session) and try again.</source>
        <translation>Il portachiavi è bloccato. Sbloccalo (accedendo alla tua sessione desktop) e riprova.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access to the keyring was refused. Allow CoderAI Seller to use the keyring and try again.</source>
        <translation>L&apos;accesso al portachiavi è stato negato. Consenti a CoderAI Seller di usare il portachiavi e riprova.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The keyring has no default collection to keep the token in. Create or unlock the default keyring (for example in your desktop&apos;s passwords app) and try again.</source>
        <translation>Il portachiavi non ha una raccolta predefinita in cui conservare il token. Crea o sblocca il portachiavi predefinito (per esempio nell&apos;app delle password del desktop) e riprova.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keyring did not answer in time. Try again.</source>
        <translation>Il portachiavi non ha risposto in tempo. Riprova.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The keyring could not complete the request. Try again; if it keeps failing, log out and in again to restart the keyring.</source>
        <translation>Il portachiavi non ha potuto completare la richiesta. Riprova; se continua a non riuscire, esci e rientra nella sessione per riavviare il portachiavi.</translation>
    </message>
</context>
<context>
    <name>coderai::LocalMonitor</name>
    <message>
        <location filename="../src/core/local/localmonitor.cpp" line="+110"/>
        <source>GET /v1/models answered HTTP %1</source>
        <translation>GET /v1/models ha risposto HTTP %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>GET /v1/models did not return an OpenAI model list</source>
        <translation>GET /v1/models non ha restituito un elenco di modelli OpenAI</translation>
    </message>
</context>
<context>
    <name>coderai::LocalServerDetector</name>
    <message>
        <location filename="../src/gui/localserverdetector.cpp" line="+42"/>
        <source>The server did not answer with an OpenAI-style model list.</source>
        <translation>Il server non ha risposto con un elenco di modelli in stile OpenAI.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>CoderAI or llama.cpp</source>
        <translation>CoderAI o llama.cpp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vLLM</source>
        <translation>vLLM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LM Studio</source>
        <translation>LM Studio</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The local server refused to list its models (HTTP %1): check the local API key.</source>
        <translation>Il server locale si è rifiutato di elencare i suoi modelli (HTTP %1): controlla la chiave API locale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local server did not answer: %1</source>
        <translation>Il server locale non ha risposto: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local server answered HTTP %1 to GET /v1/models.</source>
        <translation>Il server locale ha risposto HTTP %1 a GET /v1/models.</translation>
    </message>
</context>
<context>
    <name>coderai::LogModel</name>
    <message>
        <location filename="../src/gui/logmodel.cpp" line="+32"/>
        <source>Debug</source>
        <translation>Debug</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning</source>
        <translation>Avviso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level</source>
        <translation>Livello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
</context>
<context>
    <name>coderai::LogWindow</name>
    <message>
        <location filename="../src/gui/logwindow.cpp" line="+31"/>
        <source>Follow new lines</source>
        <translation>Segui le nuove righe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as…</source>
        <translation>Salva come…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CoderAI Seller logs</source>
        <translation>Log di CoderAI Seller</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All levels</source>
        <translation>Tutti i livelli</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>Info e superiori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>Avvisi ed errori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>Solo errori</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which lines to show</source>
        <translation>Quali righe mostrare</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Cerca</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the newest line in view</source>
        <translation>Mantieni visibile la riga più recente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected lines, or all shown lines when none is selected</source>
        <translation>Copia le righe selezionate o, se nessuna è selezionata, tutte quelle mostrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the shown lines to a text file</source>
        <translation>Salva le righe mostrate in un file di testo</translation>
    </message>
    <message>
        <location line="+118"/>
        <location line="+5"/>
        <source>Save logs</source>
        <translation>Salva i log</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Log files (*.log *.txt)</source>
        <translation>File di log (*.log *.txt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The logs could not be saved to %1: %2</source>
        <translation>Impossibile salvare i log in %1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n riga</numerusform>
            <numerusform>%n righe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n of %1 line(s) shown</source>
        <translation>
            <numerusform>%n riga mostrata su %1</numerusform>
            <numerusform>%n righe mostrate su %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::NotificationMenu</name>
    <message>
        <location filename="../src/gui/notificationmenu.cpp" line="+11"/>
        <source>&amp;Notifications</source>
        <translation>&amp;Notifiche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show notifications</source>
        <translation>&amp;Mostra le notifiche</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Offline &amp;for more than</source>
        <translation>Offline da &amp;più di</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minuti</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Back online</source>
        <translation>Di &amp;nuovo online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rejected by the broker</source>
        <translation>&amp;Rifiutato dal broker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Local model server stopped answering</source>
        <translation>Il server &amp;locale dei modelli non risponde più</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First request of the &amp;day</source>
        <translation>Prima richiesta del &amp;giorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily su&amp;mmary</source>
        <translation>Riepilogo &amp;quotidiano</translation>
    </message>
    <message numerus="yes">
        <location line="+68"/>
        <source>&amp;Offline for more than %n minute(s)</source>
        <translation>
            <numerusform>&amp;Offline da più di %n minuto</numerusform>
            <numerusform>&amp;Offline da più di %n minuti</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::Notifier</name>
    <message>
        <location filename="../src/gui/notifier.cpp" line="+129"/>
        <source>The broker rejected CoderAI Seller</source>
        <translation>Il broker ha respinto CoderAI Seller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the provider, username and registration token in the settings.</source>
        <translation>Controlla il provider, il nome utente e il token di registrazione nelle impostazioni.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>CoderAI Seller is back online</source>
        <translation>CoderAI Seller è di nuovo online</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Serving again after %Ln minute(s) offline.</source>
        <translation>
            <numerusform>Di nuovo al lavoro dopo %Ln minuto offline.</numerusform>
            <numerusform>Di nuovo al lavoro dopo %Ln minuti offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>CoderAI Seller has been offline for more than %Ln minute(s)</source>
        <translation>
            <numerusform>CoderAI Seller è offline da più di %Ln minuto</numerusform>
            <numerusform>CoderAI Seller è offline da più di %Ln minuti</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It keeps trying to reconnect.</source>
        <translation>Continua a tentare di riconnettersi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
It keeps trying to reconnect.</source>
        <translation>%1
Continua a tentare di riconnettersi.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>First request of the day</source>
        <translation>Prima richiesta del giorno</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI Seller served its first request today.</source>
        <translation>CoderAI Seller ha servito la prima richiesta di oggi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI Seller served its first request today, with %1.</source>
        <translation>CoderAI Seller ha servito la prima richiesta di oggi, con %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>%Ln request(s) served</source>
        <translation>
            <numerusform>%Ln richiesta servita</numerusform>
            <numerusform>%Ln richieste servite</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln request(s) failed</source>
        <translation>
            <numerusform>%Ln richiesta non riuscita</numerusform>
            <numerusform>%Ln richieste non riuscite</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln completion token(s) generated</source>
        <translation>
            <numerusform>%Ln token di completamento generato</numerusform>
            <numerusform>%Ln token di completamento generati</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI Seller: summary of %1</source>
        <translation>CoderAI Seller: riepilogo di %1</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>The local model server stopped answering</source>
        <translation>Il server dei modelli locale ha smesso di rispondere</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CoderAI Seller left the broker and comes back when the server answers again.</source>
        <translation>CoderAI Seller si è scollegato dal broker e tornerà online quando il server risponderà di nuovo.</translation>
    </message>
</context>
<context>
    <name>coderai::ServingRulesSettings</name>
    <message>
        <location filename="../src/gui/servingrulessettings.cpp" line="+37"/>
        <source>Serving rules</source>
        <translation>Regole di servizio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serve less while I use this computer</source>
        <translation>Servi meno mentre uso questo computer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serve less while other programs use a GPU</source>
        <translation>Servi meno mentre altri programmi usano una GPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Thermal guard</source>
        <translation>Protezione termica</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Empty: every hour</source>
        <translation>Vuoto: a ogni ora</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>0 (pause)</source>
        <translation>0 (pausa)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For example llama-server, ollama</source>
        <translation>Per esempio llama-server, ollama</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> °C</source>
        <translation> °C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>off</source>
        <translation>disattivato</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Serving hours:</source>
        <translation>Orari di servizio:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly hours when serving is allowed, in local time, for example &quot;Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00&quot;.</source>
        <translation>Orari settimanali in cui servire è consentito, in ora locale, per esempio &quot;Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Count me as away after:</source>
        <translation>Considerami assente dopo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests at a time while you use the computer:</source>
        <translation>Richieste alla volta mentre usi il computer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uses your keyboard and mouse activity; 0 pauses serving until you are away.</source>
        <translation>Si basa sull&apos;uso di tastiera e mouse; 0 mette in pausa il servizio finché non sei assente.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A game or another program on a GPU gets the same limit; the local model server does not count.</source>
        <translation>Un gioco o un altro programma su una GPU porta allo stesso limite; il server dei modelli locale non conta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Local server processes:</source>
        <translation>Processi del server locale:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Names of the model server&apos;s processes, used when they cannot be found from its address.</source>
        <translation>Nomi dei processi del server dei modelli, usati quando non si riesce a trovarli dal suo indirizzo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU temperature limit:</source>
        <translation>Limite di temperatura della GPU:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Power draw limit, % of the GPU&apos;s:</source>
        <translation>Limite di consumo, % di quello della GPU:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A GPU at either limit takes no new work, and serving stops after 2 minutes; it resumes once the GPU has stayed 8 °C below the limit for a minute.</source>
        <translation>Una GPU che raggiunge uno dei due limiti non accetta nuovo lavoro e dopo 2 minuti il servizio si ferma; riprende quando la GPU è rimasta per un minuto 8 °C sotto il limite.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Schedule: %1</source>
        <translation>Orari: %1</translation>
    </message>
</context>
<context>
    <name>coderai::SettingsDialog</name>
    <message>
        <location filename="../src/gui/settingsdialog.cpp" line="+53"/>
        <source>Global: a provider of the whole AISBF instance</source>
        <translation>Globale: un provider dell&apos;intera istanza AISBF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User: a provider owned by one AISBF user</source>
        <translation>Utente: un provider di proprietà di un singolo utente AISBF</translation>
    </message>
    <message>
        <location line="+91"/>
        <location line="+5"/>
        <source>Show</source>
        <translation>Mostra</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Show what is typed</source>
        <translation>Mostra il testo digitato</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Hide</source>
        <translation>Nascondi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide what is typed</source>
        <translation>Nascondi il testo digitato</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The broker URL must start with https://, http://, wss:// or ws:// and name a host, for example https://aisbf.cloud.</source>
        <translation>L&apos;URL del broker deve iniziare con https://, http://, wss:// o ws:// e indicare un host, per esempio https://aisbf.cloud.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the Global scope the username is always &quot;global&quot;.</source>
        <translation>Con l&apos;ambito Globale il nome utente è sempre &quot;global&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the AISBF username of the user who owns the provider.</source>
        <translation>Inserisci il nome utente AISBF dell&apos;utente a cui appartiene il provider.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;global&quot; is not a user: enter the owner&apos;s AISBF username, or choose the Global scope.</source>
        <translation>&quot;global&quot; non è un utente: inserisci il nome utente AISBF del proprietario, oppure scegli l&apos;ambito Globale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The username must not start or end with a space or contain control characters.</source>
        <translation>Il nome utente non deve iniziare o finire con uno spazio né contenere caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the provider id configured in AISBF.</source>
        <translation>Inserisci l&apos;ID del provider configurato in AISBF.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The provider id must not contain spaces or control characters.</source>
        <translation>L&apos;ID del provider non deve contenere spazi né caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a client id: it names this machine in AISBF.</source>
        <translation>Inserisci un ID client: identifica questa macchina in AISBF.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client id must not contain spaces or control characters.</source>
        <translation>L&apos;ID client non deve contenere spazi né caratteri di controllo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local server URL must start with http:// or https:// and name a host, for example http://127.0.0.1:8080.</source>
        <translation>L&apos;URL del server locale deve iniziare con http:// o https:// e indicare un host, per esempio http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concurrent requests must be between %1 and %2.</source>
        <translation>Le richieste simultanee devono essere tra %1 e %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The extra CA file cannot be read.</source>
        <translation>Il file CA aggiuntivo non è leggibile.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The extra CA file does not exist.</source>
        <translation>Il file CA aggiuntivo non esiste.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the registration token: AISBF shows it on the provider&apos;s page. The broker refuses a seller without one.</source>
        <translation>Inserisci il token di registrazione: AISBF lo mostra nella pagina del provider. Il broker rifiuta un venditore che ne è privo.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Start at login could not be changed: %1</source>
        <translation>Impossibile modificare l&apos;avvio all&apos;accesso: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings could not be written to %1. Check that the folder exists and is writable.</source>
        <translation>Impossibile scrivere le impostazioni in %1. Controlla che la cartella esista e sia scrivibile.</translation>
    </message>
    <message>
        <location filename="../src/gui/settingslocal.cpp" line="+46"/>
        <source>Looking for local model servers…</source>
        <translation>Ricerca dei server dei modelli locali…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No local model server answered on 127.0.0.1 (ports %1). Start yours, or type its address.</source>
        <translation>Nessun server dei modelli locale ha risposto su 127.0.0.1 (porte %1). Avvia il tuo oppure digitane l&apos;indirizzo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>OpenAI-compatible server</source>
        <translation>Server compatibile con OpenAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>asks for an API key</source>
        <translation>richiede una chiave API</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n modello</numerusform>
            <numerusform>%n modelli</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Found %n server(s). Click one to use it:</source>
        <translation>
            <numerusform>Trovato %n server. Fai clic per usarlo:</numerusform>
            <numerusform>Trovati %n server. Fai clic su uno per usarlo:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Using %1.</source>
        <translation>In uso: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the local server URL first.</source>
        <translation>Inserisci prima l&apos;URL del server locale.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the model list…</source>
        <translation>Lettura dell&apos;elenco dei modelli…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not offered by the local server right now.</source>
        <translation>Al momento non è offerto dal server locale.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The local server offers %n model(s). </source>
        <translation>
            <numerusform>Il server locale offre %n modello. </numerusform>
            <numerusform>Il server locale offre %n modelli. </numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing checked: every model is offered.</source>
        <translation>Nessuna selezione: vengono offerti tutti i modelli.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Only the %n checked model(s) are offered.</source>
        <translation>
            <numerusform>Viene offerto solo %n modello, quello selezionato.</numerusform>
            <numerusform>Vengono offerti solo i %n modelli selezionati.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+20"/>
        <source>Test co&amp;nnection</source>
        <translation>Pr&amp;ova connessione</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Test cancelled.</source>
        <translation>Prova annullata.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connecting to AISBF…</source>
        <translation>Connessione ad AISBF…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel t&amp;est</source>
        <translation>Annulla pro&amp;va</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Test passed: this seller can connect.</source>
        <translation>Prova riuscita: questo venditore può connettersi.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test failed: this seller cannot connect with these settings.</source>
        <translation>Prova non riuscita: con queste impostazioni questo venditore non può connettersi.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import CoderAI config</source>
        <translation>Importa configurazione CoderAI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI config (*.json);;All files (*)</source>
        <translation>Configurazione CoderAI (*.json);;Tutti i file (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Extra CA certificate</source>
        <translation>Certificato CA aggiuntivo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificati (*.pem *.crt *.cer);;Tutti i file (*)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Imported the broker settings from %1. Check them, then press OK to save.</source>
        <translation>Impostazioni del broker importate da %1. Controllale, poi premi OK per salvarle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was imported from %1:</source>
        <translation>Non è stato importato nulla da %1:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported what could be read from %1. Problems:</source>
        <translation>Importato ciò che è stato possibile leggere da %1. Problemi:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• %1</source>
        <translation>• %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has the broker turned off (&quot;enabled&quot;: false); its settings were imported anyway.</source>
        <translation>Nel file il broker è disattivato (&quot;enabled&quot;: false); le sue impostazioni sono state importate comunque.</translation>
    </message>
    <message>
        <location filename="../src/gui/settingssecrets.cpp" line="+23"/>
        <source>The keyring is locked or refused access: unlock it (for example in your desktop&apos;s passwords app) and try again.</source>
        <translation>Il portachiavi è bloccato o ha negato l&apos;accesso: sbloccalo (per esempio nell&apos;app delle password del desktop) e riprova.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No keyring is running on this desktop (such as GNOME Keyring or KWallet), so the token cannot be stored safely.</source>
        <translation>Su questo desktop non è attivo alcun portachiavi (come GNOME Keyring o KWallet), quindi il token non può essere conservato in modo sicuro.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Reading from the keyring…</source>
        <translation>Lettura dal portachiavi…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>none</source>
        <translation>nessuna</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The token was found in the old settings file. Saving moves it into the keyring and removes it from the file.</source>
        <translation>Il token è stato trovato nel vecchio file delle impostazioni. Al salvataggio viene spostato nel portachiavi e rimosso dal file.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No keyring is running on this desktop. Type the token; when saving you can keep it for this session only.</source>
        <translation>Su questo desktop non è attivo alcun portachiavi. Digita il token; al salvataggio potrai conservarlo solo per questa sessione.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token could not be read from the keyring. %1</source>
        <translation>Non è stato possibile leggere il token dal portachiavi. %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>The settings were saved, but the registration token and the local API key could not be stored in the keyring.</source>
        <translation>Le impostazioni sono state salvate, ma non è stato possibile conservare nel portachiavi il token di registrazione e la chiave API locale.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings were saved, but the registration token could not be stored in the keyring.</source>
        <translation>Le impostazioni sono state salvate, ma non è stato possibile conservare nel portachiavi il token di registrazione.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings were saved, but the local API key could not be stored in the keyring.</source>
        <translation>Le impostazioni sono state salvate, ma non è stato possibile conservare nel portachiavi la chiave API locale.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You can try again, or keep it for this session only: it is then used until the app quits and never written to a file.</source>
        <translation>Puoi riprovare oppure mantenerlo solo per questa sessione: in tal caso viene usato fino alla chiusura dell&apos;app e non viene mai scritto su file.</translation>
    </message>
</context>
<context>
    <name>coderai::StatsPanel</name>
    <message>
        <location filename="../src/gui/statspanel.cpp" line="+22"/>
        <location line="+4"/>
        <source>Statistics</source>
        <translation>Statistiche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session</source>
        <translation>Questa sessione</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Requests served</source>
        <translation>Richieste servite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Non riuscite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Annullate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused (busy or paused)</source>
        <translation>Rifiutate (occupato o in pausa)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompt tokens</source>
        <translation>Token del prompt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completion tokens</source>
        <translation>Token di completamento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Success rate (last %1 requests)</source>
        <translation>Tasso di successo (ultime %1 richieste)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Chat speed (average)</source>
        <translation>Velocità della chat (media)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat latency (average)</source>
        <translation>Latenza della chat (media)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other requests</source>
        <translation>Altre richieste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model lists, capability queries and proxied calls: counted in the requests above, left out of the chat averages.</source>
        <translation>Elenchi dei modelli, richieste delle capacità e chiamate inoltrate: contate nelle richieste qui sopra, escluse dalle medie della chat.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Average over the chat completions among the last %n request(s).</source>
        <translation>
            <numerusform>Media sui completamenti chat dell&apos;ultima %n richiesta.</numerusform>
            <numerusform>Media sui completamenti chat tra le ultime %n richieste.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Online time</source>
        <translation>Tempo online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Estimated earnings</source>
        <translation>Guadagni stimati</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At your prices (Settings → Earnings), from served requests only. AISBF&apos;s statement is what pays.</source>
        <translation>Ai tuoi prezzi (Impostazioni → Guadagni), solo dalle richieste servite. Quello che paga è il rendiconto di AISBF.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 today</source>
        <translation>%1 oggi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 this session</source>
        <translation>%1 in questa sessione</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+21"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tokens/s</source>
        <translation>%1 token/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>coderai::StatusWindow</name>
    <message>
        <location filename="../src/gui/statuswindow.cpp" line="+80"/>
        <source>CoderAI Seller — Status</source>
        <translation>CoderAI Seller — Stato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI Seller status</source>
        <translation>Stato di CoderAI Seller</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No system tray</source>
        <translation>Nessuna area di notifica</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No system tray was found, so this window stands in for it. Closing it quits the app; minimise it to keep serving. If a tray appears later, CoderAI Seller moves into it.</source>
        <translation>Non è stata trovata un&apos;area di notifica, quindi questa finestra ne fa le veci. Chiudendola si esce dall&apos;app; riducila a icona per continuare a servire richieste. Se più avanti compare un&apos;area di notifica, CoderAI Seller si sposta lì.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Throughput</source>
        <translation>Volume di lavoro</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+123"/>
        <source>GPUs</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="-122"/>
        <location line="+147"/>
        <source>Recent activity</source>
        <translation>Attività recente</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>&amp;Earnings</source>
        <translation>&amp;Guadagni</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Go online</source>
        <translation>Vai online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause until I resume</source>
        <translation>Metti in pausa finché non riprendo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause serving</source>
        <translation>Metti in pausa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take no new requests; the running ones finish first</source>
        <translation>Non accettare nuove richieste; quelle in corso vengono completate prima</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause for 1 hour</source>
        <translation>Metti in pausa per 1 ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause until tomorrow</source>
        <translation>Metti in pausa fino a domani</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>Riprendi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logs…</source>
        <translation>Log…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy diagnostics</source>
        <translation>Copia diagnostica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the app&apos;s state for a bug report, without the token</source>
        <translation>Copia lo stato dell&apos;app per una segnalazione di bug, senza il token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About CoderAI Seller</source>
        <translation>Informazioni su CoderAI Seller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Serving</source>
        <translation>&amp;Servizio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Serving</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No GPU found. This machine can still serve a model server that runs on the CPU.</source>
        <translation>Nessuna GPU trovata. Questa macchina può comunque offrire un server dei modelli che gira sulla CPU.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>GPU detection notes</source>
        <translation>Note sul rilevamento delle GPU</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n logical core(s)</source>
        <translation>
            <numerusform>%n core logico</numerusform>
            <numerusform>%n core logici</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 GiB RAM</source>
        <translation>%1 GiB di RAM</translation>
    </message>
</context>
<context>
    <name>coderai::ThroughputChart</name>
    <message>
        <location filename="../src/gui/throughputchart.cpp" line="+258"/>
        <source>No requests in the last hour.</source>
        <translation>Nessuna richiesta nell&apos;ultima ora.</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>60 min ago</source>
        <translation>60 min fa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>24 h ago</source>
        <translation>24 h fa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 min ago</source>
        <translation>30 min fa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>12 h ago</source>
        <translation>12 h fa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>now</source>
        <translation>ora</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No requests in the last 24 hours</source>
        <translation>Nessuna richiesta nelle ultime 24 ore</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Throughput chart</source>
        <translation>Grafico del traffico</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Chart range</source>
        <translation>Intervallo del grafico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Ultima ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Ultime 24 ore</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Show:</source>
        <translation>&amp;Mostra:</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Requests per minute</source>
        <translation>Richieste al minuto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests per hour</source>
        <translation>Richieste all&apos;ora</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tokens per minute</source>
        <translation>Token al minuto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens per hour</source>
        <translation>Token all&apos;ora</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No requests in the last 24 hours.</source>
        <translation>Nessuna richiesta nelle ultime 24 ore.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln richiesta</numerusform>
            <numerusform>%Ln richieste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%Ln token(s) generated</source>
        <translation>
            <numerusform>%Ln token generato</numerusform>
            <numerusform>%Ln token generati</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour: %1, %2; at most %3 in one minute.</source>
        <translation>Ultima ora: %1, %2; al massimo %3 in un minuto.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 24 hours: %1, %2; at most %3 in one hour.</source>
        <translation>Ultime 24 ore: %1, %2; al massimo %3 in un&apos;ora.</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>No requests in the last hour</source>
        <translation>Nessuna richiesta nell&apos;ultima ora</translation>
    </message>
</context>
<context>
    <name>coderai::TokenMigration</name>
    <message>
        <location filename="../src/core/config/tokenmigration.cpp" line="+53"/>
        <source>The registration token could not be moved into the keyring and stays in the settings file for now. %1</source>
        <translation>Non è stato possibile spostare il token di registrazione nel portachiavi: per ora resta nel file delle impostazioni. %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The registration token in the settings file changed while it was being moved into the keyring, so it was left in the file. Restart CoderAI Seller to move it.</source>
        <translation>Il token di registrazione nel file delle impostazioni è cambiato mentre veniva spostato nel portachiavi, quindi è stato lasciato nel file. Riavvia CoderAI Seller per spostarlo.</translation>
    </message>
</context>
<context>
    <name>coderai::TrayController</name>
    <message>
        <location filename="../src/gui/traycontroller.cpp" line="+122"/>
        <source>CoderAI Seller</source>
        <translation>CoderAI Seller</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Today: %Ln request(s), %1 tokens</source>
        <translation>
            <numerusform>Oggi: %Ln richiesta, %1 token</numerusform>
            <numerusform>Oggi: %Ln richieste, %1 token</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Estimated today at your prices: %1</source>
        <translation>Stima di oggi ai tuoi prezzi: %1</translation>
    </message>
</context>
<context>
    <name>coderai::TrayMenu</name>
    <message>
        <location filename="../src/gui/traymenu.cpp" line="+11"/>
        <source>Pause for 1 hour</source>
        <translation>Metti in pausa per 1 ora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause until tomorrow</source>
        <translation>Metti in pausa fino a domani</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CoderAI Seller</source>
        <translation>CoderAI Seller</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open status window</source>
        <translation>Apri la finestra di stato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Go online</source>
        <translation>Vai online</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume</source>
        <translation>Riprendi</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Completamento di %n richiesta…</numerusform>
            <numerusform>Completamento di %n richieste…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pause until I resume</source>
        <translation>Metti in pausa finché non riprendo</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../src/app/main.cpp" line="+44"/>
        <source>coderai-seller: invalid configuration:</source>
        <translation>coderai-seller: configurazione non valida:</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>CoderAI Seller</source>
        <translation>CoderAI Seller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoderAI Seller is already running but does not answer. Quit it, or end its process, and try again.</source>
        <translation>CoderAI Seller è già in esecuzione ma non risponde. Chiudilo, o termina il suo processo, e riprova.</translation>
    </message>
</context>
</TS>
