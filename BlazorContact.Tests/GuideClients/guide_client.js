// 建立WebSocket连接
const ws = new WebSocket('ws://127.0.0.1:8080/contact');

ws.onopen = () => {
    console.log('WebSocket连接已建立');
    
    // 发送联系请求
    ws.send(JSON.stringify({
        type: 'contact_request',
        message: '用户前端连接测试',
        timestamp: new Date().toISOString(),
        userAgent: navigator.userAgent
    }));
};

ws.onmessage = (event) => {
    const data = JSON.parse(event.data);
    console.log('收到服务器消息:', data);
    
    // 根据消息类型处理
    switch(data.type) {
        case 'connection_established':
            console.log('连接确认:', data.message);
            break;
        case 'contact_request_received':
            console.log('联系请求已收到');
            break;
        case 'chat_message':
            console.log('AI回复:', data.message);
            // 在界面上显示消息
            displayMessage(data.message, 'assistant');
            break;
        case 'error':
            console.error('错误:', data.message);
            break;
    }
};

ws.onerror = (error) => {
    console.error('WebSocket错误:', error);
};

ws.onclose = () => {
    console.log('WebSocket连接已关闭');
};

// 发送聊天消息的函数
function sendChatMessage(message) {
    if (ws.readyState === WebSocket.OPEN) {
        ws.send(JSON.stringify({
            type: 'chat_message',
            message: message,
            timestamp: new Date().toISOString()
        }));
    } else {
        console.error('WebSocket未连接');
    }
}

// 示例：发送消息
sendChatMessage('你好，我想了解这个项目');
