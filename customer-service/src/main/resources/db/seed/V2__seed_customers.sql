-- Sample customers. 1234 is the id the developer guide uses in its example URL.
INSERT INTO customer (id, name, email, phone, zip_code, street, version) VALUES
    (1234, '홍길동', 'gildong.hong@example.go.kr', '010-1234-5678', '30103', '세종특별자치시 도움6로 11', 0),
    (1235, '성춘향', 'chunhyang.seong@example.go.kr', '010-2345-6789', '54999', '전북특별자치도 남원시 요천로 1447', 0),
    (1236, 'Kim Minsu', 'minsu.kim@example.go.kr', '02-2100-3399', '03171', 'Sejong-daero 209, Jongno-gu, Seoul', 0);
