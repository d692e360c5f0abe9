-- One database per service (a subgraph owns its tables).
CREATE DATABASE fidu_clients;
CREATE DATABASE fidu_mandates;
CREATE DATABASE fidu_connectors;
CREATE DATABASE fidu_titres_services;
