<?xml version="1.0"?>
<CHANNEL HREF="https://tideline.example/"><TITLE>Tideline</TITLE>
<ITEM HREF="https://tideline.example/tides" LASTMOD="2024-09-03T10:00"><TITLE>Spring tides</TITLE><ABSTRACT>Higher than usual this week.</ABSTRACT></ITEM>
</CHANNEL>
