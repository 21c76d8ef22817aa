<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ServingDecision</name>
    <message numerus="yes">
        <location filename="../src/core/policy/servingdecision.cpp" line="+48"/>
        <source>Serving up to %n request(s) at a time</source>
        <translation>
            <numerusform>Serving up to %n request at a time</numerusform>
            <numerusform>Serving up to %n requests at a time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>You are using the computer: serving %n request(s) at a time</source>
        <translation>
            <numerusform>You are using the computer: serving %n request at a time</numerusform>
            <numerusform>You are using the computer: serving %n requests at a time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Another program is using GPU %1: serving %n request(s) at a time</source>
        <translation>
            <numerusform>Another program is using GPU %1: serving %n request at a time</numerusform>
            <numerusform>Another program is using GPU %1: serving %n requests at a time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionText</name>
    <message numerus="yes">
        <location filename="../src/gui/sessiontext.cpp" line="+18"/>
        <source>Online, serving %n request(s)</source>
        <translation>
            <numerusform>Online, serving %n request</numerusform>
            <numerusform>Online, serving %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Finishing %n request…</numerusform>
            <numerusform>Finishing %n requests…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::BrokerSession</name>
    <message numerus="yes">
        <location filename="../src/core/broker/sessionfailures.cpp" line="+24"/>
        <source>The broker did not answer within %n second(s).</source>
        <translation>
            <numerusform>The broker did not answer within %n second.</numerusform>
            <numerusform>The broker did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>The broker stopped answering (no frame or pong for %n second(s)).</source>
        <translation>
            <numerusform>The broker stopped answering (no frame or pong for %n second).</numerusform>
            <numerusform>The broker stopped answering (no frame or pong for %n seconds).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::ConnectionTester</name>
    <message numerus="yes">
        <location filename="../src/gui/connectiontester.cpp" line="+87"/>
        <source>No answer: the broker at %1 did not accept this seller within %n second(s).
Likely causes: the broker URL points at a server that is not AISBF; a proxy or firewall between here and AISBF holds the connection; AISBF is overloaded.</source>
        <translation>
            <numerusform>No answer: the broker at %1 did not accept this seller within %n second.
Likely causes: the broker URL points at a server that is not AISBF; a proxy or firewall between here and AISBF holds the connection; AISBF is overloaded.</numerusform>
            <numerusform>No answer: the broker at %1 did not accept this seller within %n seconds.
Likely causes: the broker URL points at a server that is not AISBF; a proxy or firewall between here and AISBF holds the connection; AISBF is overloaded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::EarningsChart</name>
    <message numerus="yes">
        <location filename="../src/gui/earningschart.cpp" line="+223"/>
        <source>Last 30 days: %Ln request(s).</source>
        <translation>
            <numerusform>Last 30 days: %Ln request.</numerusform>
            <numerusform>Last 30 days: %Ln requests.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Last 30 days: %Ln token(s).</source>
        <translation>
            <numerusform>Last 30 days: %Ln token.</numerusform>
            <numerusform>Last 30 days: %Ln tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::EarningsSettings</name>
    <message numerus="yes">
        <location filename="../src/gui/earningssettings.cpp" line="+227"/>
        <source>A price can have at most %n decimal place(s).</source>
        <translation>
            <numerusform>A price can have at most %n decimal place.</numerusform>
            <numerusform>A price can have at most %n decimal places.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::LogWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/logwindow.cpp" line="+187"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n of %1 line(s) shown</source>
        <translation>
            <numerusform>%n of %1 lines shown</numerusform>
            <numerusform>%n of %1 lines shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::NotificationMenu</name>
    <message numerus="yes">
        <location filename="../src/gui/notificationmenu.cpp" line="+29"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+79"/>
        <source>&amp;Offline for more than %n minute(s)</source>
        <translation>
            <numerusform>&amp;Offline for more than %n minute</numerusform>
            <numerusform>&amp;Offline for more than %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::Notifier</name>
    <message numerus="yes">
        <location filename="../src/gui/notifier.cpp" line="+167"/>
        <source>Serving again after %Ln minute(s) offline.</source>
        <translation>
            <numerusform>Serving again after %Ln minute offline.</numerusform>
            <numerusform>Serving again after %Ln minutes offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>CoderAI Seller has been offline for more than %Ln minute(s)</source>
        <translation>
            <numerusform>CoderAI Seller has been offline for more than %Ln minute</numerusform>
            <numerusform>CoderAI Seller has been offline for more than %Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+62"/>
        <source>%Ln request(s) served</source>
        <translation>
            <numerusform>%Ln request served</numerusform>
            <numerusform>%Ln requests served</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln request(s) failed</source>
        <translation>
            <numerusform>%Ln request failed</numerusform>
            <numerusform>%Ln requests failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln completion token(s) generated</source>
        <translation>
            <numerusform>%Ln completion token generated</numerusform>
            <numerusform>%Ln completion tokens generated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::SettingsDialog</name>
    <message numerus="yes">
        <location filename="../src/gui/settingslocal.cpp" line="+67"/>
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Found %n server(s). Click one to use it:</source>
        <translation>
            <numerusform>Found %n server. Click it to use it:</numerusform>
            <numerusform>Found %n servers. Click one to use it:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>The local server offers %n model(s). </source>
        <translation>
            <numerusform>The local server offers %n model. </numerusform>
            <numerusform>The local server offers %n models. </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>Only the %n checked model(s) are offered.</source>
        <translation>
            <numerusform>Only the %n checked model is offered.</numerusform>
            <numerusform>Only the %n checked models are offered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::StatsPanel</name>
    <message numerus="yes">
        <location filename="../src/gui/statspanel.cpp" line="+55"/>
        <source>Average over the chat completions among the last %n request(s).</source>
        <translation>
            <numerusform>Average over the chat completions among the last %n request.</numerusform>
            <numerusform>Average over the chat completions among the last %n requests.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::StatusWindow</name>
    <message numerus="yes">
        <location filename="../src/gui/statuswindow.cpp" line="+287"/>
        <source>%n logical core(s)</source>
        <translation>
            <numerusform>%n logical core</numerusform>
            <numerusform>%n logical cores</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::ThroughputChart</name>
    <message numerus="yes">
        <location filename="../src/gui/throughputchart.cpp" line="+261"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-4"/>
        <source>%Ln token(s) generated</source>
        <translation>
            <numerusform>%Ln token generated</numerusform>
            <numerusform>%Ln tokens generated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::TrayController</name>
    <message numerus="yes">
        <location filename="../src/gui/traycontroller.cpp" line="+131"/>
        <source>Today: %Ln request(s), %1 tokens</source>
        <translation>
            <numerusform>Today: %Ln request, %1 tokens</numerusform>
            <numerusform>Today: %Ln requests, %1 tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coderai::TrayMenu</name>
    <message numerus="yes">
        <location filename="../src/gui/traymenu.cpp" line="+61"/>
        <source>Finishing %n request(s)…</source>
        <translation>
            <numerusform>Finishing %n request…</numerusform>
            <numerusform>Finishing %n requests…</numerusform>
        </translation>
    </message>
</context>
</TS>
